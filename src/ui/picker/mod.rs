//! A searchable picker (the ARIA combobox pattern): type to search a lookup endpoint, choose
//! with the mouse or with the arrow keys and Enter; Escape closes the list.

use super::loader::use_loader;
use crate::transport::AbortSignal;
use crate::Error;
use leptos::ev;
use leptos::prelude::*;
use std::future::Future;
use std::time::Duration;

/// Something a picker can offer.
pub trait PickerItem: Clone + PartialEq + Send + Sync + 'static {
    /// A stable identity (the uuid).
    fn key(&self) -> String;
    /// The text shown, and put in the field once chosen.
    fn label(&self) -> String;
    /// A second line (project, customer, ...), may be empty.
    fn detail(&self) -> String {
        String::new()
    }
}

impl PickerItem for crate::model::SourceResource {
    fn key(&self) -> String {
        self.uuid.simple().to_string()
    }
    fn label(&self) -> String {
        self.name.clone()
    }
    fn detail(&self) -> String {
        [self.project_name.as_str(), self.customer_name.as_str(), self.offering_name.as_str()]
            .iter()
            .filter(|part| !part.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

impl PickerItem for crate::model::DestinationOffering {
    fn key(&self) -> String {
        self.uuid.simple().to_string()
    }
    fn label(&self) -> String {
        DestinationOffering::label(self)
    }
}

use crate::model::DestinationOffering;

/// How long typing pauses before a search is sent.
const SEARCH_DELAY: Duration = Duration::from_millis(200);

/// A searchable picker bound to `selected`.
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use waldur_migrations::{ui::*, LookupQuery, SourceResource};
/// let selected = RwSignal::new(None::<SourceResource>);
/// view! {
///     <Picker
///         id="src" label="Source resource" selected=selected
///         search=move |text: String, signal| async move {
///             let client = use_client().expect("a client");
///             let query = LookupQuery { name: Some(text), page_size: Some(20), ..Default::default() };
///             client.source_resources(query).signal(signal).await.map(|page| page.items)
///         }
///     />
/// };
/// ```
#[component]
pub fn Picker<T, S, Fut>(
    /// Element id of the input (the listbox is `<id>-list`).
    #[prop(into)]
    id: String,
    /// The visible label.
    label: &'static str,
    /// The chosen item.
    selected: RwSignal<Option<T>>,
    /// Searches by typed text (empty text: the first page).
    search: S,
    /// Placeholder of the input.
    #[prop(default = "Type to search…")]
    placeholder: &'static str,
    /// Shows a "Clear" button when something is chosen.
    #[prop(default = true)]
    clearable: bool,
    /// `aria-describedby` of the input (field messages).
    #[prop(optional, into)]
    described_by: Option<String>,
    /// Marks the input invalid.
    #[prop(optional, into)]
    invalid: Signal<bool>,
) -> impl IntoView
where
    T: PickerItem,
    S: Fn(String, AbortSignal) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<Vec<T>, Error>> + 'static,
{
    let text = RwSignal::new(selected.get_untracked().map(|item| item.label()).unwrap_or_default());
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let debounce: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    // Keep the text in step when the selection changes from outside.
    Effect::new(move |_| {
        let label = selected.with(|item| item.as_ref().map(PickerItem::label));
        text.set(label.unwrap_or_default());
    });
    let results = use_loader(
        move || (open.get(), query.get()),
        move |(is_open, text), signal| async move {
            if is_open {
                search(text, signal).await
            } else {
                Ok(Vec::new())
            }
        },
    );
    let items = Memo::new(move |_| {
        results.value.with(|v| v.as_ref().and_then(|r| r.as_ref().ok()).cloned().unwrap_or_default())
    });
    let list_id = format!("{id}-list");
    let option_id = {
        let id = id.clone();
        move |at: usize| format!("{id}-option-{at}")
    };
    let choose = move |item: Option<T>| {
        selected.set(item);
        open.set(false);
        active.set(None);
    };
    let on_input = move |event: ev::Event| {
        let value = event_target_value(&event);
        text.set(value.clone());
        open.set(true);
        active.set(None);
        if let Some(handle) = debounce.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || query.set(value.trim().to_owned()), SEARCH_DELAY).ok();
        debounce.set_value(handle);
    };
    let on_keydown = move |event: ev::KeyboardEvent| {
        let count = items.with(Vec::len);
        match event.key().as_str() {
            "ArrowDown" => {
                event.prevent_default();
                open.set(true);
                if count > 0 {
                    active.update(|at| *at = Some(at.map_or(0, |i| (i + 1) % count)));
                }
            }
            "ArrowUp" => {
                event.prevent_default();
                if count > 0 {
                    active.update(|at| *at = Some(at.map_or(count - 1, |i| (i + count - 1) % count)));
                }
            }
            "Enter" if open.get_untracked() => {
                event.prevent_default();
                if let Some(item) =
                    active.get_untracked().and_then(|at| items.with_untracked(|list| list.get(at).cloned()))
                {
                    choose(Some(item));
                }
            }
            "Escape" if open.get_untracked() => {
                event.prevent_default();
                open.set(false);
                text.set(selected.with_untracked(|item| item.as_ref().map(PickerItem::label)).unwrap_or_default());
            }
            _ => {}
        }
    };
    on_cleanup(move || {
        if let Some(handle) = debounce.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    });
    let active_descendant = {
        let option_id = option_id.clone();
        move || active.get().filter(|_| open.get()).map(&option_id)
    };
    let list_id_for_input = list_id.clone();
    let input_id = id.clone();
    view! {
        <div class="wm-picker">
            <label class="wm-label" for=input_id.clone()>{label}</label>
            <div class="wm-picker-control">
                <input
                    id=input_id
                    class="wm-input"
                    type="text"
                    role="combobox"
                    autocomplete="off"
                    aria-autocomplete="list"
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    aria-controls=list_id_for_input
                    aria-activedescendant=active_descendant
                    aria-describedby=described_by
                    aria-invalid=move || invalid.get().then_some("true")
                    placeholder=placeholder
                    prop:value=move || text.get()
                    on:input=on_input
                    on:keydown=on_keydown
                    on:focus=move |_| open.set(true)
                    on:blur=move |_| {
                        open.set(false);
                        text.set(selected.with_untracked(|item| item.as_ref().map(PickerItem::label)).unwrap_or_default());
                    }
                />
                <Show when=move || clearable && selected.with(Option::is_some)>
                    <button
                        type="button"
                        class="wm-button wm-button--small"
                        aria-label=format!("Clear {label}")
                        on:click=move |_| choose(None)
                    >
                        "Clear"
                    </button>
                </Show>
            </div>
            <ul id=list_id class="wm-listbox" role="listbox" aria-label=label hidden=move || !open.get()>
                {move || {
                    if results.loading.get() && items.with(Vec::is_empty) {
                        return view! { <li class="wm-listbox-note" role="presentation">"Searching…"</li> }.into_any();
                    }
                    if let Some(Err(error)) = results.value.get() {
                        return view! { <li class="wm-listbox-note" role="presentation">{super::fields::error_summary(&error)}</li> }.into_any();
                    }
                    if items.with(Vec::is_empty) {
                        return view! { <li class="wm-listbox-note" role="presentation">"No matches"</li> }.into_any();
                    }
                    let option_id = option_id.clone();
                    items.get().into_iter().enumerate().map(|(at, item)| {
                        let is_active = move || active.get() == Some(at);
                        let is_selected = {
                            let key = item.key();
                            move || selected.with(|s| s.as_ref().is_some_and(|s| s.key() == key))
                        };
                        let detail = item.detail();
                        let label = item.label();
                        view! {
                            <li
                                id=option_id(at)
                                role="option"
                                class=move || if is_active() { "wm-option wm-option--active" } else { "wm-option" }
                                aria-selected=move || if is_selected() { "true" } else { "false" }
                                on:mousedown=move |event| {
                                    // Keep the focus in the input, so its blur does not close the list first.
                                    event.prevent_default();
                                    choose(Some(item.clone()));
                                }
                            >
                                <span class="wm-option-label">{label}</span>
                                {(!detail.is_empty()).then(|| view! { <span class="wm-option-detail">{detail}</span> })}
                            </li>
                        }
                    }).collect_view().into_any()
                }}
            </ul>
        </div>
    }
}
