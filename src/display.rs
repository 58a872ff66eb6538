//! How values read to people: relative and exact times, state tones and labels. Pure, so the
//! components, the custom elements and any other UI render them alike.

use crate::model::{MigrationState, ResourceState, Timestamp};
use time::UtcOffset;

/// "just now", "5 minutes ago", "in 2 hours", "3 days ago", "1 year ago".
pub fn relative_time(then_ms: i64, now_ms: i64) -> String {
    let delta = now_ms.saturating_sub(then_ms);
    let future = delta < 0;
    let seconds = delta.unsigned_abs() / 1000;
    if seconds < 45 {
        return "just now".to_owned();
    }
    let (amount, unit) = match seconds {
        s if s < 90 => (1, "minute"),
        s if s < 45 * 60 => (((s + 30) / 60).max(2), "minute"),
        s if s < 90 * 60 => (1, "hour"),
        s if s < 22 * 3600 => ((s + 1800) / 3600, "hour"),
        s if s < 36 * 3600 => (1, "day"),
        s if s < 26 * 86_400 => ((s + 43_200) / 86_400, "day"),
        s if s < 45 * 86_400 => (1, "month"),
        s if s < 320 * 86_400 => ((s + 15 * 86_400) / (30 * 86_400), "month"),
        s if s < 548 * 86_400 => (1, "year"),
        s => ((s + 182 * 86_400) / (365 * 86_400), "year"),
    };
    let plural = if amount == 1 { "" } else { "s" };
    if future {
        format!("in {amount} {unit}{plural}")
    } else {
        format!("{amount} {unit}{plural} ago")
    }
}

/// `2025-06-13 10:11:12 UTC`, for tooltips and details.
pub fn exact_time(timestamp: &Timestamp) -> String {
    let t = timestamp.as_offset_date_time().to_offset(UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// The colour family of a state badge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Scheduled or running.
    Progress,
    /// Done.
    Success,
    /// Failed.
    Danger,
    /// Gone or going.
    Muted,
    /// Not known to this library.
    Unknown,
}

impl Tone {
    /// The CSS modifier (`wm-badge--progress`).
    pub fn class(&self) -> &'static str {
        match self {
            Tone::Progress => "wm-badge wm-badge--progress",
            Tone::Success => "wm-badge wm-badge--success",
            Tone::Danger => "wm-badge wm-badge--danger",
            Tone::Muted => "wm-badge wm-badge--muted",
            Tone::Unknown => "wm-badge wm-badge--unknown",
        }
    }
}

/// The tone of a migration state.
pub fn migration_tone(state: &MigrationState) -> Tone {
    match state {
        MigrationState::Ok => Tone::Success,
        MigrationState::Erred => Tone::Danger,
        MigrationState::Unknown(_) => Tone::Unknown,
        MigrationState::DeletionScheduled | MigrationState::Deleting => Tone::Muted,
        _ => Tone::Progress,
    }
}

/// The tone of a destination resource state.
pub fn resource_tone(state: &ResourceState) -> Tone {
    match state {
        ResourceState::Ok => Tone::Success,
        ResourceState::Erred => Tone::Danger,
        ResourceState::Creating | ResourceState::Updating => Tone::Progress,
        ResourceState::Terminating | ResourceState::Terminated => Tone::Muted,
        ResourceState::Unknown(_) => Tone::Unknown,
    }
}

/// A label for a destination resource state.
pub fn resource_label(state: &ResourceState) -> &str {
    match state {
        ResourceState::Unknown(text) if text.is_empty() => "Unknown",
        other => other.as_str(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000;
    const HOUR: i64 = 60 * MIN;
    const DAY: i64 = 24 * HOUR;

    #[test]
    fn relative_times() {
        let now = 1_700_000_000_000;
        for (ago, text) in [
            (0, "just now"),
            (30_000, "just now"),
            (60_000, "1 minute ago"),
            (5 * MIN, "5 minutes ago"),
            (44 * MIN, "44 minutes ago"),
            (60 * MIN, "1 hour ago"),
            (5 * HOUR, "5 hours ago"),
            (30 * HOUR, "1 day ago"),
            (3 * DAY, "3 days ago"),
            (40 * DAY, "1 month ago"),
            (100 * DAY, "3 months ago"),
            (400 * DAY, "1 year ago"),
            (800 * DAY, "2 years ago"),
        ] {
            assert_eq!(relative_time(now - ago, now), text, "{ago}");
        }
        assert_eq!(relative_time(now + 2 * HOUR, now), "in 2 hours");
        assert!(relative_time(i64::MIN, i64::MAX).ends_with(" years ago"), "extremes do not overflow");
        assert!(relative_time(i64::MAX, i64::MIN).starts_with("in "));
    }

    #[test]
    fn exact_and_tones() {
        let t = Timestamp::parse("2025-06-13T12:11:12.5+02:00").unwrap();
        assert_eq!(exact_time(&t), "2025-06-13 10:11:12 UTC");
        assert_eq!(migration_tone(&MigrationState::Creating), Tone::Progress);
        assert_eq!(migration_tone(&MigrationState::Erred), Tone::Danger);
        assert_eq!(migration_tone(&MigrationState::Unknown("X".into())), Tone::Unknown);
        assert_eq!(resource_tone(&ResourceState::Terminated), Tone::Muted);
        assert_eq!(Tone::Success.class(), "wm-badge wm-badge--success");
    }
}
