//! A confirmation dialog on the native modal `<dialog>`: the rest of the page is inert while
//! it is open (focus stays inside), Escape cancels, and focus returns to where it was.

use super::i18n::use_i18n;
use crate::view::dom::{document, h, Child, View};
use crate::view::{effect, Callback, RwSignal, Signal, StoredValue};
use wasm_bindgen::JsCast;

/// Asks to confirm an action while `open` is true; `on_confirm` is called when confirmed (the
/// dialog stays open: close it by setting `open`), `busy` disables the buttons, `body` is what
/// it says. The title and the button text are English catalog keys.
pub fn confirm_dialog(
    open: RwSignal<bool>,
    title: &'static str,
    confirm_label: &'static str,
    on_confirm: Callback<()>,
    busy: Signal<bool>,
    body: impl Child,
) -> View {
    let i18n = use_i18n();
    let opener: StoredValue<Option<web_sys::HtmlElement>> = StoredValue::new(None);
    let title_id = "wm-dialog-title";
    let dialog = h("dialog")
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
        );
    let element: Option<web_sys::HtmlDialogElement> = dialog.element().clone().dyn_into().ok();
    effect(move || {
        let Some(element) = &element else { return };
        if open.get() {
            // Shown only once it is on the page (a dialog being built is not yet connected).
            if !element.open() && element.is_connected() {
                let focused = document().active_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                opener.set_value(focused);
                let _ = element.show_modal();
            }
        } else if element.open() {
            element.close();
        }
    });
    dialog.into_view()
}
