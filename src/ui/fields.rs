//! Field messages under form fields, from client-side validation or from the server.

use crate::error::FieldErrors;
use leptos::prelude::*;

/// The element id of the messages of a field (for `aria-describedby`).
pub fn message_id(field_id: &str) -> String {
    format!("{field_id}-messages")
}

/// The messages of one field path, as a live list under the field; nothing when there are none.
#[component]
pub fn FieldMessages(
    /// All messages of the form.
    #[prop(into)]
    errors: Signal<FieldErrors>,
    /// The path of this field (`mappings.subnets[0].dst_cidr`).
    #[prop(into)]
    path: Signal<String>,
    /// The id of the field the messages describe.
    #[prop(into)]
    field_id: String,
) -> impl IntoView {
    let messages = Memo::new(move |_| path.with(|path| errors.with(|errors| errors.get(path).to_vec())));
    view! {
        <div id=message_id(&field_id) class="wm-field-messages" aria-live="polite">
            <For each=move || messages.get().into_iter().enumerate() key=|(index, text)| (*index, text.clone()) let((_, text))>
                <p class="wm-field-error">{text}</p>
            </For>
        </div>
    }
}

/// True when the form has messages for `path`.
pub fn has_messages(errors: &FieldErrors, path: &str) -> bool {
    !errors.get(path).is_empty()
}

/// Messages that belong to no field shown (`non_field_errors`, `detail`, unknown paths), for
/// the banner above a form.
pub fn banner_messages(errors: &FieldErrors, shown: &dyn Fn(&str) -> bool) -> Vec<String> {
    errors
        .iter()
        .filter(|(path, _)| !shown(path))
        .flat_map(|(path, messages)| {
            messages.iter().map(move |message| {
                if path == "non_field_errors" || path == "detail" || path.ends_with(".non_field_errors") {
                    message.clone()
                } else {
                    format!("{path}: {message}")
                }
            })
        })
        .collect()
}

/// Messages for an error that is not about fields (network, timeout, undecodable answer).
pub fn error_summary(error: &crate::Error) -> String {
    match error {
        crate::Error::Network(_) => format!("The server could not be reached ({error})."),
        crate::Error::Timeout(_) => "The server took too long to answer.".to_owned(),
        crate::Error::Decode(decode) => {
            format!("The server answered HTTP {} with something unexpected: {}", decode.status, decode.snippet)
        }
        crate::Error::Http(http) if http.fields.is_empty() => format!("The server answered HTTP {}.", http.status),
        other => other.to_string(),
    }
}
