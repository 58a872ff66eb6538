//! A confirmation dialog on the native modal `<dialog>`: the rest of the page is inert while
//! it is open (focus stays inside), Escape cancels, and focus returns to where it was.

use super::dom::{h, Ref};
use super::hooks::effect;
use super::i18n::use_i18n;
use leptos::prelude::*;
use leptos::tachys::html::attribute::any_attribute::IntoAnyAttribute;
use leptos::tachys::html::node_ref::node_ref;
use wasm_bindgen::JsCast;

/// Asks to confirm an action while `open` is true.
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use waldur_migrations::ui::ConfirmDialog;
/// let open = RwSignal::new(false);
/// view! {
///     <ConfirmDialog open=open title="Delete this migration?" confirm_label="Delete"
///         on_confirm=Callback::new(move |()| open.set(false))>
///         <p>"The record is removed; the destination resource stays."</p>
///     </ConfirmDialog>
/// };
/// ```
#[component]
pub fn ConfirmDialog(
    /// Shows the dialog while true; set to false on cancel.
    open: RwSignal<bool>,
    /// Heading and accessible name (English; translated through the catalog).
    title: &'static str,
    /// Text of the confirming button (English; translated).
    confirm_label: &'static str,
    /// Called when confirmed (the dialog stays open; close it by setting `open`).
    on_confirm: Callback<()>,
    /// Disables the buttons (while the confirmed action runs).
    #[prop(optional, into)]
    busy: Signal<bool>,
    /// What the dialog says.
    children: ChildrenFn,
) -> impl IntoView {
    confirm_dialog(open, title, confirm_label, on_confirm, busy, children())
}

/// The dialog, for the components' own markup.
pub(crate) fn confirm_dialog(
    open: RwSignal<bool>,
    title: &'static str,
    confirm_label: &'static str,
    on_confirm: Callback<()>,
    busy: Signal<bool>,
    body: impl super::dom::Child,
) -> AnyView {
    let i18n = use_i18n();
    let dialog: Ref = NodeRef::new();
    let opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage> = StoredValue::new_local(None);
    effect(move || {
        let Some(element) = dialog.get().and_then(|e| e.dyn_into::<web_sys::HtmlDialogElement>().ok()) else { return };
        if open.get() {
            if !element.open() {
                let focused = document().active_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                opener.set_value(focused);
                let _ = element.show_modal();
            }
        } else if element.open() {
            element.close();
        }
    });
    let title_id = "wm-dialog-title";
    h("dialog")
        .with(node_ref(dialog).into_any_attr())
        .class("wm-root wm-dialog")
        .attr("aria-labelledby", title_id)
        .on("close", move |_| {
            open.set(false);
            if let Some(element) = opener.try_update_value(Option::take).flatten() {
                let _ = element.focus();
            }
        })
        .on("cancel", move |event| {
            if busy.get_untracked() {
                event.prevent_default();
            }
        })
        .child(h("h2").id(title_id).class("wm-dialog-title").child(i18n.tr(title)))
        .child(h("div").class("wm-dialog-body").child(body))
        .child(
            h("div")
                .class("wm-dialog-actions")
                .child(
                    h("button")
                        .attr("type", "button")
                        .class("wm-button")
                        .flag("disabled", busy)
                        .on("click", move |_| open.set(false))
                        .child(i18n.tr("Cancel")),
                )
                .child(
                    h("button")
                        .attr("type", "button")
                        .class("wm-button wm-button--danger")
                        .flag("disabled", busy)
                        .on("click", move |_| on_confirm.run(()))
                        .child(i18n.tr(confirm_label)),
                ),
        )
        .into_view()
}
