//! Migrations moving on by themselves: scheduled, creating, then OK or ERRED.

use super::seed::FAILURES;
use super::*;
use time::Duration;

impl World {
    /// Moves running migrations whose time is up to OK or ERRED.
    pub fn settle(&mut self, now: OffsetDateTime) {
        let step = Duration::milliseconds(i64::try_from(self.step_ms).unwrap_or(i64::MAX / 4));
        for (index, migration) in self.migrations.iter_mut().enumerate() {
            if let Progress::Running { started, fails } = migration.progress {
                let done_at = started + step * 2;
                if now >= done_at {
                    migration.modified = done_at;
                    if fails {
                        let (message, last) = FAILURES[index % FAILURES.len()];
                        migration.error_message = message.to_owned();
                        migration.error_traceback = traceback(last);
                        migration.progress =
                            Progress::Settled { state: "ERRED", dst_state: "Erred", modified: done_at };
                    } else {
                        migration.progress = Progress::Settled { state: "OK", dst_state: "OK", modified: done_at };
                    }
                }
            }
        }
    }

    /// The state, destination resource state and modification time now.
    pub fn status_of(
        &self,
        migration: &Migration,
        now: OffsetDateTime,
    ) -> (&'static str, &'static str, OffsetDateTime) {
        match migration.progress {
            Progress::Settled { state, dst_state, .. } => (state, dst_state, migration.modified),
            Progress::Running { started, .. } => {
                let step = Duration::milliseconds(i64::try_from(self.step_ms).unwrap_or(i64::MAX / 4));
                if now < started + step {
                    ("CREATION_SCHEDULED", "Creating", migration.modified)
                } else {
                    ("CREATING", "Creating", migration.modified.max(started + step))
                }
            }
        }
    }
}
