//! One migration: every field, the mappings as tables, the error and its traceback, live state
//! while in progress; editing the stored mappings (PUT, validated like create) and deleting
//! with a confirmation.

use crate::prelude::*;

use super::context::ClientHandle;
use super::dialog::confirm_dialog;
use super::fields::{banner, banner_messages, error_summary, retry_banner};
use super::hooks::{use_loader, use_refresh, use_submit};
use super::i18n::use_i18n;
use super::mappings::{editor_shows, mappings_editor, mappings_tables, EditorOptions, MappingsState};
use crate::error::FieldErrors;
use crate::model::wire::uuid_to_hex;
use crate::model::{MigrationDetails, MigrationDetailsRequest, VolumeType};
use crate::validate::validate_update;
use crate::view::dom::{dynamic, h, live, View};
use crate::view::{effect, effect_with, Callback, Memo, RwSignal, Signal};
use crate::{Error, LookupQuery};
use parts::{error_box, fields, header};

mod parts;

/// What the details view is showing.
#[derive(Clone, Default, PartialEq)]
enum Phase {
    #[default]
    Loading,
    Failed(Option<u16>, String),
    Loaded(crate::Uuid),
}

/// Which migration a [`migration_details`] shows and what it tells its host.
pub struct DetailsOptions {
    /// The migration to show (either uuid spelling).
    pub uuid: Signal<String>,
    /// Called after the migration was deleted.
    pub on_deleted: Option<Callback<MigrationDetails>>,
    /// Called after its mappings were saved.
    pub on_updated: Option<Callback<MigrationDetails>>,
    /// Interval of live updates while it is in progress.
    pub refresh_ms: u64,
}

impl Default for DetailsOptions {
    fn default() -> Self {
        DetailsOptions { uuid: Signal::default(), on_deleted: None, on_updated: None, refresh_ms: 2000 }
    }
}

/// Shows one migration, keeps it live while it runs, and lets the user edit or delete it.
pub fn migration_details(options: DetailsOptions) -> View {
    let DetailsOptions { uuid, on_deleted, on_updated, refresh_ms } = options;
    let i18n = use_i18n();
    let client = ClientHandle::capture();
    let data = use_loader(
        move || uuid.get(),
        move |uuid, signal| async move { client.get()?.retrieve(&uuid).signal(signal).await },
    );
    let current = RwSignal::new(None::<MigrationDetails>);
    effect(move || {
        if let Some(Ok(migration)) = data.value.get() {
            current.set(Some(migration));
        }
    });
    // A different uuid: forget the previous one.
    effect_with(move |previous: Option<String>| {
        let now = uuid.get();
        if previous.is_some_and(|previous| previous != now) {
            current.set(None);
        }
        now
    });
    let names = use_loader(
        || (),
        move |(), signal| async move {
            let query = LookupQuery { page_size: Some(300), ..Default::default() };
            Ok(client.get()?.volume_types(query).signal(signal).await?.items)
        },
    );
    let all_types = Signal::derive(move || {
        names.value.with(|v| v.as_ref().and_then(|r| r.as_ref().ok()).cloned().unwrap_or_default())
    });
    let type_names = Signal::derive(move || {
        all_types.with(|types: &Vec<VolumeType>| {
            types.iter().map(|t| (uuid_to_hex(&t.uuid), t.name.clone())).collect::<Vec<_>>()
        })
    });
    let in_progress = Memo::new(move |_| current.with(|m| m.as_ref().is_some_and(|m| m.state.is_in_progress())));
    use_refresh(Signal::derive(move || in_progress.get() && !data.loading.get()), refresh_ms, move || data.reload());

    // Editing.
    let editing = RwSignal::new(false);
    let state = MappingsState::new();
    let errors = RwSignal::new(FieldErrors::new());
    let save = use_submit::<MigrationDetails>();
    let save_failure = RwSignal::new(None::<String>);
    effect(move || match save.result.get() {
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
            errors.set(error.fields().cloned().unwrap_or_default());
            save_failure
                .set((!matches!(error, Error::Http(_) | Error::InvalidInput(_))).then(|| error_summary(i18n, &error)));
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
    let submit = move |event: web_sys::Event| {
        event.prevent_default();
        // Networks are applied on create only; the server keeps none.
        let mut mappings = state.to_request();
        mappings.networks.clear();
        let body = MigrationDetailsRequest { mappings: Some(mappings), ..Default::default() };
        let found = validate_update(&body);
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        errors.set(FieldErrors::new());
        let target = uuid.get_untracked();
        save.run(async move { client.get()?.update(&target, body).await });
    };

    // Deleting.
    let confirming = RwSignal::new(false);
    let delete_error = RwSignal::new(None::<String>);
    let delete = use_submit::<MigrationDetails>();
    effect(move || match delete.result.get() {
        Some(Ok(migration)) => {
            confirming.set(false);
            if let Some(callback) = on_deleted {
                callback.run(migration);
            }
        }
        Some(Err(error)) => {
            confirming.set(false);
            delete_error
                .set(Some(i18n.fill("Could not delete: {reason}", &[("reason", &error_summary(i18n, &error))])));
        }
        None => {}
    });
    let banner_lines = Signal::derive(move || {
        let mut lines: Vec<String> = save_failure.get().into_iter().collect();
        lines.extend(errors.with(|e| banner_messages(i18n, e, &editor_shows)));
        lines
    });

    // What the view shows changes only between loading, failed and loaded (and another
    // migration): live updates and saves update the parts in place.
    let phase = Memo::new(move |_| {
        if let Some(uuid) = current.with(|m| m.as_ref().map(|m| m.uuid)) {
            return Phase::Loaded(uuid);
        }
        data.value.with(|v| match v {
            Some(Err(error)) => Phase::Failed(error.status(), error_summary(i18n, error)),
            _ => Phase::Loading,
        })
    });
    let content = dynamic(move || {
        let phase = phase.get();
        if let Phase::Failed(status, summary) = phase {
            let text = if status == Some(404) {
                i18n.text("This migration does not exist, or you cannot see it.")
            } else {
                i18n.fill("Could not load the migration. {reason}", &[("reason", &summary)])
            };
            return retry_banner(i18n, text, move || data.reload());
        }
        let (Phase::Loaded(_), Some(migration)) = (phase, current.get_untracked()) else {
            return h("p").class("wm-note").attr("role", "status").child(i18n.tr("Loading migration…")).into_view();
        };
        let editor = mappings_editor(EditorOptions {
            state,
            errors,
            id_prefix: "wm-edit",
            src_volume_types: all_types,
            dst_volume_types: all_types,
            subnets: Signal::stored(Vec::new()),
            networks: None,
        });
        let mappings_section = h("section")
            .class("wm-details-section")
            .attr("aria-labelledby", "wm-mappings-heading")
            .child(
                h("div")
                    .class("wm-section-head")
                    .child(h("h3").id("wm-mappings-heading").class("wm-subheading").child(i18n.tr("Mappings")))
                    .child(dynamic(move || {
                        if editing.get() {
                            return View::empty();
                        }
                        h("button")
                            .attr("type", "button")
                            .class("wm-button wm-button--small")
                            .on("click", start_editing)
                            .child(i18n.tr("Edit mappings"))
                            .into_view()
                    })),
            )
            .child(dynamic(move || {
                if !editing.get() {
                    let mapping: Signal<crate::model::Mapping> =
                        Memo::new(move |_| current.with(|m| m.as_ref().map(|m| m.mappings.clone())).unwrap_or_default()).into();
                    return mappings_tables(mapping, type_names);
                }
                View::empty()
            }))
            .child(
                h("form")
                    .class("wm-form")
                    .attr("novalidate", "")
                    .flag("hidden", Signal::derive(move || !editing.get()))
                    .on("submit", submit)
                    .child(banner(banner_lines))
                    .child(h("p").class("wm-hint").child(i18n.tr(
                        "Saving changes the stored record only: networks, subnets and limits were applied when the migration was created, and the server keeps no networks.",
                    )))
                    .child(editor)
                    .child(
                        h("div")
                            .class("wm-form-actions")
                            .child(
                                h("button")
                                    .attr("type", "submit")
                                    .class("wm-button wm-button--primary")
                                    .flag("disabled", save.pending.into())
                                    .child(live(move || i18n.text(if save.pending.get() { "Saving…" } else { "Save mappings" }))),
                            )
                            .child(
                                h("button")
                                    .attr("type", "button")
                                    .class("wm-button")
                                    .on("click", move |_| editing.set(false))
                                    .child(i18n.tr("Cancel")),
                            ),
                    ),
            );
        h("div")
            .child(header(i18n, current, in_progress.into()))
            .child(fields(i18n, &migration, current))
            .child(error_box(i18n, current))
            .child(mappings_section)
            .child(
                h("section")
                    .class("wm-details-section wm-danger-zone")
                    .attr("aria-label", i18n.tr("Delete"))
                    .child(dynamic(move || match delete_error.get() {
                        Some(text) => h("p").class("wm-field-error").attr("role", "alert").child(text).into_view(),
                        None => View::empty(),
                    }))
                    .child(
                        h("button")
                            .attr("type", "button")
                            .class("wm-button wm-button--danger")
                            .on("click", move |_| {
                                delete_error.set(None);
                                confirming.set(true);
                            })
                            .child(i18n.tr("Delete")),
                    )
                    .child(
                        h("p").class("wm-hint").child(
                            i18n.tr("Deleting removes the migration record only; the destination resource stays."),
                        ),
                    ),
            )
            .into_view()
    });
    let dialog_text = live(move || {
        current
            .with(|m| {
                m.as_ref().map(|m| {
                    i18n.fill(
                        "The migration of {source} to {offering} will be removed. The destination resource {destination} stays.",
                        &[("source", &m.src_resource_name), ("offering", &m.dst_offering_name), ("destination", &m.dst_resource_name)],
                    )
                })
            })
            .unwrap_or_default()
    });
    let dialog = confirm_dialog(
        confirming,
        "Delete this migration?",
        "Delete",
        Callback::new(move |()| {
            if let Some(migration) = current.get_untracked() {
                let uuid = uuid_to_hex(&migration.uuid);
                delete.run(async move {
                    client.get()?.destroy(&uuid).await?;
                    Ok(migration)
                });
            }
        }),
        delete.pending.into(),
        h("p").child(dialog_text),
    );
    h("article")
        .class("wm-root wm-details")
        .attr(
            "aria-busy",
            live(move || if data.loading.get() && current.with(Option::is_none) { "true" } else { "false" }.to_owned()),
        )
        .child(content)
        .child(dialog)
        .into_view()
}
