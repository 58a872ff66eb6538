//! A searchable picker (the ARIA combobox pattern): type to search a lookup endpoint, choose
//! with the mouse or with the arrow keys and Enter; Escape closes the list. The markup and the
//! keyboard are written once; only the mapping of an item to its texts depends on its type.

use crate::prelude::*;

use super::hooks::use_loader;
use super::i18n::use_i18n;
use crate::model::wire::uuid_to_hex;
use crate::model::{DestinationOffering, SourceResource};
use crate::transport::AbortSignal;
use crate::view::dom::{dynamic, fragment, h, key_of, live, maybe, target_value, Child, View};
use crate::view::tasks::use_timeout;
use crate::view::{effect, Callback, Memo, RwSignal, Signal, StoredValue};
use crate::Error;
use alloc::rc::Rc;
use core::future::Future;
use core::pin::Pin;

/// Something a picker can offer.
pub trait PickerItem: Clone + PartialEq + 'static {
    /// A stable identity (the uuid).
    fn key(&self) -> String;
    /// The text shown, and put in the field once chosen.
    fn label(&self) -> String;
    /// A second line (project, customer, ...), may be empty.
    fn detail(&self) -> String {
        String::new()
    }
}

impl PickerItem for SourceResource {
    fn key(&self) -> String {
        uuid_to_hex(&self.uuid)
    }
    fn label(&self) -> String {
        self.name.clone()
    }
    fn detail(&self) -> String {
        let mut detail = String::new();
        for part in [&self.project_name, &self.customer_name, &self.offering_name] {
            if !part.is_empty() {
                if !detail.is_empty() {
                    detail.push_str(" · ");
                }
                detail.push_str(part);
            }
        }
        detail
    }
}

impl PickerItem for DestinationOffering {
    fn key(&self) -> String {
        uuid_to_hex(&self.uuid)
    }
    fn label(&self) -> String {
        DestinationOffering::label(self)
    }
}

/// How long typing pauses before a search is sent.
const SEARCH_DELAY_MS: u64 = 200;

/// One option as shown.
#[derive(Clone, PartialEq)]
struct Shown {
    key: String,
    label: String,
    detail: String,
}

/// The options' state, whatever the item type.
#[derive(Clone, Copy)]
struct Options {
    shown: Signal<Vec<Shown>>,
    loading: Signal<bool>,
    failure: Signal<Option<String>>,
    selected_key: Signal<Option<String>>,
    selected_label: Signal<String>,
}

/// What a [`picker`] shows and searches.
pub struct PickerOptions<T: 'static, S> {
    /// Element id of the input (the listbox is `<id>-list`).
    pub id: String,
    /// The visible label (English; translated through the catalog).
    pub label: &'static str,
    /// The chosen item.
    pub selected: RwSignal<Option<T>>,
    /// Searches by typed text (empty text: the first page).
    pub search: S,
    /// Placeholder of the input (English; translated).
    pub placeholder: &'static str,
    /// Shows a "Clear" button when something is chosen.
    pub clearable: bool,
    /// `aria-describedby` of the input (field messages).
    pub described_by: Option<String>,
    /// Marks the input invalid.
    pub invalid: Signal<bool>,
}

/// A searchable picker bound to `selected`.
pub fn picker<T, S, Fut>(options: PickerOptions<T, S>) -> View
where
    T: PickerItem,
    S: Fn(String, AbortSignal) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<Vec<T>, Error>> + 'static,
{
    let PickerOptions { id, label, selected, search, placeholder, clearable, described_by, invalid } = options;
    // The items of recent answers, by key, so that choosing an option finds its item (an option
    // still on screen from an earlier answer picks its own item).
    let seen: StoredValue<Vec<T>> = StoredValue::new(Vec::new());
    let search: Search = Rc::new(move |text, signal| {
        Box::pin(async move {
            let items = search(text, signal).await?;
            let shown = items.iter().map(|item| Shown { key: item.key(), label: item.label(), detail: item.detail() });
            let shown = shown.collect();
            seen.update_value(|seen| remember(seen, items));
            Ok(shown)
        })
    });
    let choose = Callback::new(move |key: Option<String>| {
        let item = key.and_then(|key| seen.with_value(|seen| seen.iter().find(|i| i.key() == key).cloned()));
        selected.set(item);
    });
    let selected_key = Signal::derive(move || selected.with(|s| s.as_ref().map(PickerItem::key)));
    let selected_label =
        Signal::derive(move || selected.with(|s| s.as_ref().map(PickerItem::label)).unwrap_or_default());
    searching(PickerParts {
        id,
        label,
        placeholder,
        clearable,
        described_by,
        invalid,
        search,
        selected_key,
        selected_label,
        choose,
    })
}

/// How many items of earlier answers are kept for choosing by key.
const REMEMBERED: usize = 200;

/// Adds the items of an answer to those seen (each key once, the newest kept).
fn remember<T: PickerItem>(seen: &mut Vec<T>, items: Vec<T>) {
    for item in items {
        let key = item.key();
        seen.retain(|old| old.key() != key);
        seen.push(item);
    }
    let extra = seen.len().saturating_sub(REMEMBERED);
    seen.drain(..extra);
}

/// A search of a picker, whatever its item type: the options shown.
type Search = Rc<dyn Fn(String, AbortSignal) -> Pin<Box<dyn Future<Output = Result<Vec<Shown>, Error>>>>>;

/// The searching and the options' state, for any item type.
fn searching(parts: PickerParts) -> View {
    let open = RwSignal::new(false);
    let query = RwSignal::new(String::new());
    let search = parts.search.clone();
    let results = use_loader(
        move || (open.get(), query.get()),
        move |(is_open, text), signal| {
            let search = search.clone();
            async move {
                if is_open {
                    search(text, signal).await
                } else {
                    Ok(Vec::new())
                }
            }
        },
    );
    let i18n = use_i18n();
    let options = Options {
        shown: Memo::new(move |_| {
            results.value.with(|v| v.as_ref().and_then(|r| r.as_ref().ok()).cloned().unwrap_or_default())
        })
        .into(),
        loading: results.loading.into(),
        failure: Signal::derive(move || {
            results
                .value
                .with(|v| v.as_ref().and_then(|r| r.as_ref().err()).map(|e| super::fields::error_summary(i18n, e)))
        }),
        selected_key: parts.selected_key,
        selected_label: parts.selected_label,
    };
    markup(parts, open, query, options)
}

struct PickerParts {
    id: String,
    label: &'static str,
    placeholder: &'static str,
    clearable: bool,
    described_by: Option<String>,
    invalid: Signal<bool>,
    search: Search,
    selected_key: Signal<Option<String>>,
    selected_label: Signal<String>,
    choose: Callback<Option<String>>,
}

/// The picker's markup and keyboard, for any item type.
fn markup(parts: PickerParts, open: RwSignal<bool>, query: RwSignal<String>, options: Options) -> View {
    let PickerParts { id, label, placeholder, clearable, described_by, invalid, choose, .. } = parts;
    let i18n = use_i18n();
    let text = RwSignal::new(options.selected_label.get_untracked());
    let active = RwSignal::new(None::<usize>);
    let debounce = use_timeout();
    // Typed but not yet searched (the pause before a search).
    let typing = RwSignal::new(false);
    // Keep the text in step when the selection changes from outside.
    effect(move || text.set(options.selected_label.get()));
    let close = move || {
        open.set(false);
        active.set(None);
        text.set(options.selected_label.get_untracked());
    };
    let pick = move |at: Option<usize>| {
        choose.run(at.and_then(|at| options.shown.with_untracked(|shown| shown.get(at).map(|s| s.key.clone()))));
        open.set(false);
        active.set(None);
    };
    let list_id = crate::validate::concat(&[&id, "-list"]);
    let option_id = move |list: &str, at: usize| {
        let mut id = String::from(list);
        id.push_str("-option-");
        id.push_str(&crate::json::u64_text(at as u64));
        id
    };
    let input = {
        let list_id = list_id.clone();
        h("input")
            .id(id.clone())
            .class("wm-input")
            .attr("type", "text")
            .attr("role", "combobox")
            .attr("autocomplete", "off")
            .attr("aria-autocomplete", "list")
            .attr("aria-expanded", live(move || if open.get() { "true" } else { "false" }.to_owned()))
            .attr("aria-controls", list_id.clone())
            .attr(
                "aria-activedescendant",
                maybe(move || active.get().filter(|_| open.get()).map(|at| option_id(&list_id, at))),
            )
            .attr("aria-invalid", maybe(move || invalid.get().then(|| "true".to_owned())))
            .attr("placeholder", i18n.tr(placeholder))
            .value(text.into())
            .on("input", move |event| {
                let value = target_value(&event);
                text.set(value.clone());
                open.set(true);
                active.set(None);
                typing.set(true);
                debounce.start(SEARCH_DELAY_MS, move || {
                    typing.try_set(false);
                    query.try_set(value.trim().to_owned());
                });
            })
            .on("keydown", move |event| {
                let count = options.shown.with_untracked(Vec::len);
                match key_of(&event).as_str() {
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
                        if let Some(at) = active.get_untracked() {
                            pick(Some(at));
                        }
                    }
                    "Escape" if open.get_untracked() => {
                        event.prevent_default();
                        close();
                    }
                    _ => {}
                }
            })
            .on("focus", move |_| open.set(true))
            .on("blur", move |_| close())
    };
    let input = match described_by {
        Some(described_by) => input.attr("aria-describedby", described_by),
        None => input,
    };
    let clear = dynamic(move || {
        if clearable && options.selected_key.with(Option::is_some) {
            h("button")
                .attr("type", "button")
                .class("wm-button wm-button--small")
                .attr("aria-label", live(move || i18n.fill("Clear {field}", &[("field", &i18n.text(label))])))
                .on("click", move |_| pick(None))
                .child(i18n.tr("Clear"))
                .into_view()
        } else {
            View::empty()
        }
    });
    let note = |text: View| h("li").class("wm-listbox-note").attr("role", "presentation").child(text).into_view();
    let listbox = {
        let list_id = list_id.clone();
        h("ul")
            .id(list_id.clone())
            .class("wm-listbox")
            .attr("role", "listbox")
            .attr("aria-label", i18n.tr(label))
            .attr(
                "aria-busy",
                live(move || if typing.get() || options.loading.get() { "true" } else { "false" }.to_owned()),
            )
            .flag("hidden", Signal::derive(move || !open.get()))
            .child(dynamic(move || {
                if options.loading.get() && options.shown.with(Vec::is_empty) {
                    return note(i18n.tr("Searching…").into_child());
                }
                if let Some(failure) = options.failure.get() {
                    return note(failure.into_child());
                }
                if options.shown.with(Vec::is_empty) {
                    return note(i18n.tr("No matches").into_child());
                }
                let selected = options.selected_key.get_untracked();
                let rows = options.shown.get().into_iter().enumerate().map(|(at, shown)| {
                    let is_selected = selected.as_deref() == Some(shown.key.as_str());
                    let key = shown.key.clone();
                    let mut li = h("li")
                        .id(option_id(&list_id, at))
                        .attr("role", "option")
                        .class(live(move || {
                            if active.get() == Some(at) { "wm-option wm-option--active" } else { "wm-option" }
                                .to_owned()
                        }))
                        .attr("aria-selected", if is_selected { "true" } else { "false" })
                        // Keep the focus in the input, so its blur does not close the list first.
                        .on("mousedown", move |event| {
                            event.prevent_default();
                            choose.run(Some(key.clone()));
                            open.set(false);
                            active.set(None);
                        })
                        .child(h("bdi").class("wm-option-label").child(shown.label));
                    if !shown.detail.is_empty() {
                        li = li.child(h("span").class("wm-option-detail").child(shown.detail));
                    }
                    li.into_view()
                });
                fragment(rows)
            }))
    };
    h("div")
        .class("wm-picker")
        .child(h("label").class("wm-label").attr("for", id).child(i18n.tr(label)))
        .child(h("div").class("wm-picker-control").child(input).child(clear))
        .child(listbox)
        .into_view()
}

/// A picker node (for the components' own markup).
pub(crate) fn picker_node<T, S, Fut>(
    id: &'static str,
    label: &'static str,
    placeholder: &'static str,
    selected: RwSignal<Option<T>>,
    search: S,
    invalid: Signal<bool>,
    described_by: Option<String>,
) -> View
where
    T: PickerItem,
    S: Fn(String, AbortSignal) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<Vec<T>, Error>> + 'static,
{
    picker(PickerOptions {
        id: id.to_owned(),
        label,
        selected,
        search,
        placeholder,
        clearable: true,
        described_by,
        invalid,
    })
}
