//! A confirmation dialog on the native modal `<dialog>`: the rest of the page is inert while
//! it is open (focus stays inside), Escape cancels, and focus returns to where it was.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Asks to confirm an action while `open` is true.
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use waldur_migrations::ui::ConfirmDialog;
/// let open = RwSignal::new(false);
/// view! {
///     <ConfirmDialog open=open title="Delete migration?" confirm_label="Delete"
///         on_confirm=Callback::new(move |()| open.set(false))>
///         <p>"The record is removed; the destination resource stays."</p>
///     </ConfirmDialog>
/// };
/// ```
#[component]
pub fn ConfirmDialog(
    /// Shows the dialog while true; set to false on cancel.
    open: RwSignal<bool>,
    /// Heading (and accessible name) of the dialog.
    #[prop(into)]
    title: String,
    /// Text of the confirming button.
    #[prop(into)]
    confirm_label: String,
    /// Called when confirmed (the dialog stays open; close it by setting `open`).
    on_confirm: Callback<()>,
    /// Disables the buttons (while the confirmed action runs).
    #[prop(optional, into)]
    busy: Signal<bool>,
    /// What the dialog says.
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move |_| {
        let Some(element) = dialog.get() else { return };
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
    view! {
        <dialog
            node_ref=dialog
            class="wm-root wm-dialog"
            aria-labelledby=title_id
            on:close=move |_| {
                open.set(false);
                if let Some(element) = opener.try_update_value(Option::take).flatten() {
                    let _ = element.focus();
                }
            }
            on:cancel=move |event: leptos::ev::Event| {
                if busy.get_untracked() {
                    event.prevent_default();
                }
            }
        >
            <h2 id=title_id class="wm-dialog-title">{title}</h2>
            <div class="wm-dialog-body">{children()}</div>
            <div class="wm-dialog-actions">
                <button type="button" class="wm-button" disabled=move || busy.get() on:click=move |_| open.set(false)>
                    "Cancel"
                </button>
                <button
                    type="button"
                    class="wm-button wm-button--danger"
                    disabled=move || busy.get()
                    on:click=move |_| on_confirm.run(())
                >
                    {confirm_label}
                </button>
            </div>
        </dialog>
    }
}
