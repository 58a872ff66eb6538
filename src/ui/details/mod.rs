//! One migration: every field, the mappings as tables, the error and its traceback, live state
//! while in progress; editing the mappings (PUT, validated like create) and deleting with a
//! confirmation.

use super::badge::{ResourceStateBadge, StateBadge};
use super::context::ClientHandle;
use super::dialog::ConfirmDialog;
use super::fields::{banner_messages, error_summary};
use super::loader::use_loader;
use super::mappings::{editor_shows, MappingsEditor, MappingsState, MappingsTables};
use crate::display::{exact_time, relative_time};
use crate::error::FieldErrors;
use crate::model::{MigrationDetails, MigrationDetailsRequest, MigrationState, ResourceState, VolumeType};
use crate::validate::validate_update;
use crate::{Error, LookupQuery};
use leptos::prelude::*;
use std::collections::HashMap;
use std::time::Duration;

/// Shows one migration, keeps it live while it runs, and lets the user edit or delete it.
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use waldur_migrations::{ui::*, MigrationDetails};
/// view! {
///     <MigrationDetailsView
///         uuid="a45c8927e176455781f63e7c7baf9567"
///         on_deleted=Callback::new(|m: MigrationDetails| leptos::logging::log!("deleted {}", m.uuid))
///     />
/// };
/// ```
#[component]
pub fn MigrationDetailsView(
    /// The migration to show (either uuid spelling).
    #[prop(into)]
    uuid: Signal<String>,
    /// Called after the migration was deleted.
    #[prop(optional, into)]
    on_deleted: Option<Callback<MigrationDetails>>,
    /// Called after its mappings were saved.
    #[prop(optional, into)]
    on_updated: Option<Callback<MigrationDetails>>,
    /// Interval of live updates while it is in progress.
    #[prop(default = 2000)]
    refresh_ms: u64,
) -> impl IntoView {
    let client = ClientHandle::capture();
    let data = use_loader(
        move || uuid.get(),
        move |uuid, signal| async move { client.get()?.retrieve(&uuid).signal(signal).await },
    );
    let current = RwSignal::new(None::<MigrationDetails>);
    Effect::new(move |_| {
        if let Some(Ok(migration)) = data.value.get() {
            current.set(Some(migration));
        }
    });
    // A different uuid: forget the previous one.
    Effect::new(move |previous: Option<String>| {
        let now = uuid.get();
        if previous.is_some_and(|previous| previous != now) {
            current.set(None);
        }
        now
    });
    let names = use_loader(
        || (),
        move |(), signal| async move {
            let page = client
                .get()?
                .volume_types(LookupQuery { page_size: Some(300), ..Default::default() })
                .signal(signal)
                .await?;
            Ok(page.items)
        },
    );
    let all_types = Signal::derive(move || {
        names.value.with(|v| v.as_ref().and_then(|r| r.as_ref().ok()).cloned().unwrap_or_default())
    });
    let type_names = Signal::derive(move || {
        all_types.with(|types: &Vec<VolumeType>| {
            types.iter().map(|t| (t.uuid.simple().to_string(), t.name.clone())).collect::<HashMap<_, _>>()
        })
    });

    // Live state while in progress.
    let in_progress = Memo::new(move |_| current.with(|m| m.as_ref().is_some_and(|m| m.state.is_in_progress())));
    let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    Effect::new(move |_| {
        let waiting = in_progress.get() && !data.loading.get();
        if let Some(handle) = timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        if waiting {
            timer.set_value(set_timeout_with_handle(move || data.reload(), Duration::from_millis(refresh_ms)).ok());
        }
    });
    on_cleanup(move || {
        if let Some(handle) = timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    });

    // Editing.
    let editing = RwSignal::new(false);
    let state = MappingsState::new();
    let errors = RwSignal::new(FieldErrors::new());
    let save = Action::new_local(move |body: &MigrationDetailsRequest| {
        let body = body.clone();
        let target = uuid.get_untracked();
        async move { client.get()?.update(&target, body).await }
    });
    let save_failure = RwSignal::new(None::<String>);
    Effect::new(move |_| match save.value().get() {
        Some(Ok(migration)) => {
            current.set(Some(migration.clone()));
            editing.set(false);
            errors.set(FieldErrors::new());
            save_failure.set(None);
            if let Some(callback) = on_updated {
                callback.run(migration);
            }
        }
        Some(Err(error)) => {
            match error.fields() {
                Some(fields) if !fields.is_empty() => errors.set(fields.clone()),
                _ => errors.set(FieldErrors::new()),
            }
            save_failure
                .set((!matches!(error, Error::Http(_) | Error::InvalidInput(_))).then(|| error_summary(&error)));
        }
        None => {}
    });
    let start_editing = move |_| {
        if let Some(migration) = current.get_untracked() {
            state.load(&migration.mappings);
            errors.set(FieldErrors::new());
            save_failure.set(None);
            editing.set(true);
        }
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if save.pending().get_untracked() {
            return;
        }
        let body = MigrationDetailsRequest { mappings: Some(state.to_request()), ..Default::default() };
        let found = validate_update(&body);
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        errors.set(FieldErrors::new());
        save.dispatch_local(body);
    };

    // Deleting.
    let confirming = RwSignal::new(false);
    let delete_error = RwSignal::new(None::<String>);
    let delete = Action::new_local(move |migration: &MigrationDetails| {
        let migration = migration.clone();
        async move {
            client.get()?.destroy(&migration.uuid.simple().to_string()).await?;
            Ok::<_, Error>(migration)
        }
    });
    Effect::new(move |_| match delete.value().get() {
        Some(Ok(migration)) => {
            confirming.set(false);
            if let Some(callback) = on_deleted {
                callback.run(migration);
            }
        }
        Some(Err(error)) => {
            confirming.set(false);
            delete_error.set(Some(format!("Could not delete: {}", error_summary(&error))));
        }
        None => {}
    });

    let field =
        move |get: fn(&MigrationDetails) -> String| move || current.with(|m| m.as_ref().map(get).unwrap_or_default());
    let state_signal = Signal::derive(move || {
        current.with(|m| m.as_ref().map(|m| m.state.clone())).unwrap_or(MigrationState::Unknown(String::new()))
    });
    let dst_state = Signal::derive(move || {
        current
            .with(|m| m.as_ref().map(|m| m.dst_resource_state.clone()))
            .unwrap_or(ResourceState::Unknown(String::new()))
    });
    let mapping = Signal::derive(move || current.with(|m| m.as_ref().map(|m| m.mappings.clone())).unwrap_or_default());
    let error_message = field(|m| m.error_message.clone());
    let traceback = field(|m| m.error_traceback.clone());
    let banner = Memo::new(move |_| errors.with(|e| banner_messages(e, &editor_shows)));

    view! {
        <article class="wm-root wm-details" aria-busy=move || (data.loading.get() && current.with(Option::is_none)).then_some("true")>
            {move || match (data.value.get(), current.with(Option::is_some)) {
                (Some(Err(error)), false) => {
                    let text = if error.status() == Some(404) {
                        "This migration does not exist, or you cannot see it.".to_owned()
                    } else {
                        format!("Could not load the migration. {}", error_summary(&error))
                    };
                    view! {
                        <div class="wm-banner" role="alert">
                            <p>{text}</p>
                            <button type="button" class="wm-button" on:click=move |_| data.reload()>"Retry"</button>
                        </div>
                    }.into_any()
                }
                (_, false) => view! { <p class="wm-note" role="status">"Loading migration…"</p> }.into_any(),
                _ => view! {
                    <header class="wm-details-header">
                        <h2 class="wm-details-title">
                            {field(|m| format!("{} → {}", m.src_resource_name, m.dst_offering_name))}
                        </h2>
                        <div class="wm-details-states">
                            <StateBadge state=state_signal />
                            <Show when=move || in_progress.get()>
                                <span class="wm-note" role="status">"Updating live"</span>
                            </Show>
                        </div>
                    </header>
                    <dl class="wm-details-grid">
                        <dt>"State"</dt><dd><StateBadge state=state_signal /></dd>
                        <dt>"Destination resource state"</dt><dd><ResourceStateBadge state=dst_state /></dd>
                        <dt>"Source resource"</dt>
                        <dd>{field(|m| m.src_resource_name.clone())}<span class="wm-sub wm-mono">{field(|m| m.src_resource_uuid.simple().to_string())}</span></dd>
                        <dt>"Source offering"</dt><dd>{field(|m| m.src_offering_name.clone())}</dd>
                        <dt>"Destination resource"</dt>
                        <dd>{field(|m| m.dst_resource_name.clone())}<span class="wm-sub wm-mono">{field(|m| m.dst_resource_uuid.simple().to_string())}</span></dd>
                        <dt>"Destination offering"</dt><dd>{field(|m| m.dst_offering_name.clone())}</dd>
                        <dt>"Created"</dt>
                        <dd><time datetime=field(|m| m.created.to_rfc3339()) title=field(|m| exact_time(&m.created))>
                            {field(|m| format!("{} ({})", relative_time(m.created.unix_millis(), js_sys::Date::now() as i64), exact_time(&m.created)))}
                        </time></dd>
                        <dt>"Modified"</dt>
                        <dd><time datetime=field(|m| m.modified.to_rfc3339())>{field(|m| exact_time(&m.modified))}</time></dd>
                        <dt>"Created by"</dt><dd>{field(|m| m.created_by_full_name.clone())}</dd>
                        <dt>"UUID"</dt><dd class="wm-mono">{field(|m| m.uuid.simple().to_string())}</dd>
                    </dl>
                    <Show when=move || !error_message().is_empty() || !traceback().is_empty()>
                        <section class="wm-error-box" aria-label="Error">
                            <h3 class="wm-subheading">"Error"</h3>
                            <p class="wm-error-message">{error_message}</p>
                            <Show when=move || !traceback().is_empty()>
                                <details class="wm-traceback">
                                    <summary>"Traceback"</summary>
                                    <pre tabindex="0" aria-label="Traceback">{traceback}</pre>
                                </details>
                            </Show>
                        </section>
                    </Show>
                    <section class="wm-details-section" aria-labelledby="wm-mappings-heading">
                        <div class="wm-section-head">
                            <h3 id="wm-mappings-heading" class="wm-subheading">"Mappings"</h3>
                            <Show when=move || !editing.get()>
                                <button type="button" class="wm-button wm-button--small" on:click=start_editing>"Edit mappings"</button>
                            </Show>
                        </div>
                        <Show
                            when=move || editing.get()
                            fallback=move || view! { <MappingsTables mapping=mapping names=type_names /> }
                        >
                            <form class="wm-form" on:submit=submit novalidate>
                                {move || (!banner.with(Vec::is_empty) || save_failure.with(Option::is_some)).then(|| view! {
                                    <div class="wm-banner" role="alert">
                                        {save_failure.get().map(|text| view! { <p>{text}</p> })}
                                        {banner.get().into_iter().map(|text| view! { <p>{text}</p> }).collect_view()}
                                    </div>
                                })}
                                <MappingsEditor state=state errors=errors id_prefix="wm-edit" src_volume_types=all_types dst_volume_types=all_types />
                                <div class="wm-form-actions">
                                    <button type="submit" class="wm-button wm-button--primary" disabled=move || save.pending().get()>
                                        {move || if save.pending().get() { "Saving…" } else { "Save mappings" }}
                                    </button>
                                    <button type="button" class="wm-button" on:click=move |_| editing.set(false)>"Cancel"</button>
                                </div>
                            </form>
                        </Show>
                    </section>
                    <section class="wm-details-section wm-danger-zone" aria-label="Delete">
                        {move || delete_error.get().map(|text| view! { <p class="wm-field-error" role="alert">{text}</p> })}
                        <button type="button" class="wm-button wm-button--danger" on:click=move |_| { delete_error.set(None); confirming.set(true) }>
                            "Delete"
                        </button>
                        <p class="wm-hint">"Deleting removes the migration record only; the destination resource stays."</p>
                    </section>
                }.into_any(),
            }}
            <ConfirmDialog
                open=confirming
                title="Delete this migration?"
                confirm_label="Delete"
                busy=Signal::derive(move || delete.pending().get())
                on_confirm=Callback::new(move |()| {
                    if let Some(migration) = current.get_untracked() {
                        if !delete.pending().get_untracked() {
                            delete.dispatch_local(migration);
                        }
                    }
                })
            >
                <p>{move || current.with(|m| m.as_ref().map(|m| format!(
                    "The migration of {} to {} will be removed. The destination resource {} stays.",
                    m.src_resource_name, m.dst_offering_name, m.dst_resource_name
                ))).unwrap_or_default()}</p>
            </ConfirmDialog>
        </article>
    }
}
