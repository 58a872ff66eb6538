//! Field messages under form fields, the banner above a form, and error summaries, all in the
//! interface's language (server texts are translated where the catalog knows them).

use crate::prelude::*;

use super::i18n::{use_i18n, I18n};
use crate::error::FieldErrors;
use crate::view::dom::{dynamic, fragment, h, target_checked, Child, Node, View};
use crate::view::{RwSignal, Signal};
use crate::Error;

/// The element id of the messages of a field (for `aria-describedby`).
pub fn message_id(field_id: &str) -> String {
    crate::validate::concat(&[field_id, "-messages"])
}

/// A field's error messages, translated, one paragraph each.
pub(crate) fn error_lines(i18n: I18n, messages: Vec<String>) -> View {
    fragment(
        messages.into_iter().map(|message| h("p").class("wm-field-error").child(i18n.message(&message)).into_view()),
    )
}

/// The messages of the field at `path`, as a live list under the field (empty when none).
pub(crate) fn field_messages(errors: Signal<FieldErrors>, path: Signal<String>, field_id: &str) -> Node {
    let i18n = use_i18n();
    h("div").id(message_id(field_id)).class("wm-field-messages").attr("aria-live", "polite").child(dynamic(move || {
        let messages = path.with(|path| errors.with(|errors| errors.get(path).to_vec()));
        error_lines(i18n, messages)
    }))
}

/// True when the form has messages for `path`.
pub fn has_messages(errors: &FieldErrors, path: &str) -> bool {
    !errors.get(path).is_empty()
}

/// Messages that belong to no field shown (`non_field_errors`, `detail`, unknown paths), for
/// the banner above a form, translated.
pub(crate) fn banner_messages(i18n: I18n, errors: &FieldErrors, shown: &dyn Fn(&str) -> bool) -> Vec<String> {
    // Loops rather than `flat_map`, whose adapter is a generic copy of about 0.6 kB each.
    let mut banner = Vec::new();
    for (path, messages) in errors.iter().filter(|(path, _)| !shown(path)) {
        for message in messages {
            let text = i18n.message(message);
            if path == "non_field_errors" || path == "detail" || path.ends_with(".non_field_errors") {
                banner.push(text);
            } else {
                banner.push(crate::validate::concat(&[path, ": ", &text]));
            }
        }
    }
    banner
}

/// Every message of `errors`, translated, one after the other.
fn all_messages(i18n: I18n, errors: &FieldErrors) -> String {
    let mut all = Vec::new();
    for (_, messages) in errors.iter() {
        all.extend(messages.iter().map(|message| i18n.message(message)));
    }
    crate::validate::join(&all, " ")
}

/// What to tell a person about an error that is not about fields (network, timeout,
/// undecodable answer, a bare HTTP status, a misuse).
pub(crate) fn error_summary(i18n: I18n, error: &Error) -> String {
    match error {
        Error::Network(_) => i18n.text("The server could not be reached."),
        Error::Timeout(_) => i18n.text("The server took too long to answer."),
        Error::Aborted => i18n.text("The request was cancelled."),
        Error::Decode(decode) => i18n.fill(
            "The server answered HTTP {status} with something unexpected.",
            &[("status", &status(decode.status))],
        ),
        Error::Http(http) if http.status == 401 => i18n.text("The server did not accept the credentials."),
        Error::Http(http) if http.fields.is_empty() => {
            i18n.fill("The server answered HTTP {status}.", &[("status", &status(http.status))])
        }
        Error::Http(http) => all_messages(i18n, &http.fields),
        Error::InvalidInput(fields) => all_messages(i18n, fields),
        // For the developer embedding the components: the message says what to fix.
        Error::Usage(message) => i18n.fill("This component is set up wrongly: {reason}", &[("reason", message)]),
    }
}

fn status(status: u16) -> String {
    crate::json::u64_text(u64::from(status))
}

/// An alert banner with `lines` (nothing when there are none).
pub(crate) fn banner(lines: Signal<Vec<String>>) -> View {
    dynamic(move || {
        let lines = lines.get();
        if lines.is_empty() {
            return View::empty();
        }
        h("div")
            .class("wm-banner")
            .attr("role", "alert")
            .children(lines.into_iter().map(|line| h("p").child(line).into_view()))
            .into_view()
    })
}

/// A labelled checkbox bound to `value` (the label is a catalog key).
pub(crate) fn checkbox(i18n: I18n, key: &'static str, value: RwSignal<bool>) -> Node {
    h("label")
        .class("wm-check")
        .child(
            h("input")
                .attr("type", "checkbox")
                .checked(value.into())
                .on("change", move |e| value.set(target_checked(&e))),
        )
        .child(i18n.tr(key))
}

/// An alert saying what failed, with a Retry button.
pub(crate) fn retry_banner(i18n: I18n, text: impl Child, retry: impl Fn() + 'static) -> View {
    h("div")
        .class("wm-banner")
        .attr("role", "alert")
        .child(h("p").child(text))
        .child(
            h("button").attr("type", "button").class("wm-button").on("click", move |_| retry()).child(i18n.tr("Retry")),
        )
        .into_view()
}
