//! The create form: name, source resource, destination offering and plan, volume type pairs,
//! subnet pairs, networks and the two flags. Checked with the server's rules before sending;
//! the server's own field errors land at the field they name; one POST per click. Offerings are
//! those the source's organisation may order; networks are the source tenant's own.

use crate::prelude::*;

use super::context::ClientHandle;
use super::fields::{banner, banner_messages, error_summary, field_messages, has_messages, message_id};
use super::hooks::{use_loader, use_submit, Loader};
use super::i18n::{use_i18n, I18n};
use super::lookups::{search_offerings, search_resources};
use super::mappings::{editor_shows, mappings_editor, EditorOptions, MappingsState};
use super::picker::picker_node;
use crate::error::FieldErrors;
use crate::model::wire::uuid_to_hex;
use crate::model::{DestinationOffering, MigrationCreateRequest, MigrationDetails, SourceResource};
use crate::page::Page;
use crate::validate::validate_create;
use crate::view::dom::{dynamic, h, live, maybe, target_value, Node, View};
use crate::view::{effect, effect_with, Callback, Memo, RwSignal, Signal};
use crate::{Error, LookupQuery};

/// Paths the form shows at a field (the rest go to the banner).
fn form_shows(path: &str) -> bool {
    matches!(path, "src_resource" | "dst_offering" | "dst_plan" | "plan" | "name" | "description") || editor_shows(path)
}

fn all() -> LookupQuery {
    LookupQuery { page_size: Some(300), ..Default::default() }
}

fn items<T: Clone + 'static>(value: &Option<Result<Vec<T>, Error>>) -> Vec<T> {
    value.as_ref().and_then(|r| r.as_ref().ok()).cloned().unwrap_or_default()
}

/// A lookup that follows a uuid (the chosen tenant or cloud): empty while there is none.
fn lookup_by<T, E>(
    client: ClientHandle,
    key: impl Fn() -> Option<String> + 'static,
    endpoint: fn(&crate::Client, &str) -> crate::Call<E>,
) -> Loader<Vec<T>>
where
    T: 'static,
    E: crate::Endpoint<Output = Page<T>> + Unpin + 'static,
{
    use_loader(key, move |key, signal| async move {
        match key {
            Some(key) => Ok(endpoint(&client.get()?, &key).signal(signal).await?.items),
            None => Ok(Vec::new()),
        }
    })
}

/// A labelled field with its messages.
fn field(label: Node, control: View, messages: Node) -> Node {
    h("div").class("wm-field").child(label).child(control).child(messages)
}

/// What a [`migration_create_form`] tells its host.
#[derive(Default)]
pub struct CreateOptions {
    /// Called with the new migration after the server accepted it.
    pub on_created: Option<Callback<MigrationDetails>>,
    /// Shows a Cancel button that calls this.
    pub on_cancel: Option<Callback<()>>,
}

/// Creates a migration.
pub fn migration_create_form(options: CreateOptions) -> View {
    let CreateOptions { on_created, on_cancel } = options;
    let i18n = use_i18n();
    let client = ClientHandle::capture();
    let name = RwSignal::new(String::new());
    let name_touched = RwSignal::new(false);
    let source = RwSignal::new(None::<SourceResource>);
    let offering = RwSignal::new(None::<DestinationOffering>);
    let plan = RwSignal::new(String::new());
    let mappings = MappingsState::new();
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<String>);
    let customer =
        Memo::new(move |_| source.with(|s| s.as_ref().and_then(|s| s.customer_uuid).map(|id| uuid_to_hex(&id))));
    let search_sources = move |text, signal| search_resources(client, text, signal);
    let search_destinations = move |text, signal| search_offerings(client, customer.get_untracked(), text, signal);

    // The name follows the source until the user types one; a new source clears its lookups.
    effect_with(move |previous: Option<Option<crate::Uuid>>| {
        let chosen = source.get();
        let key = chosen.as_ref().map(|s| s.uuid);
        if previous.is_some_and(|p| p != key) {
            errors.update(|e| e.remove("src_resource"));
            mappings.volume_types.update(|rows| rows.iter_mut().for_each(|row| row.src.clear()));
            mappings.networks.set(Vec::new());
        }
        if !name_touched.get_untracked() {
            name.set(chosen.map(|s| s.name).unwrap_or_default());
        }
        key
    });
    // The plan defaults to the offering's first usable one.
    effect_with(move |previous: Option<Option<crate::Uuid>>| {
        let chosen = offering.get();
        let key = chosen.as_ref().map(|o| o.uuid);
        if previous.is_some_and(|p| p != key) {
            errors.update(|e| {
                e.remove("dst_offering");
                e.remove("dst_plan");
                e.remove("plan");
            });
            mappings.volume_types.update(|rows| rows.iter_mut().for_each(|row| row.dst.clear()));
        }
        plan.set(
            chosen
                .as_ref()
                .and_then(DestinationOffering::default_plan)
                .map(|p| uuid_to_hex(&p.uuid))
                .unwrap_or_default(),
        );
        key
    });

    let tenant = move || source.with(|s| s.as_ref().and_then(|s| s.resource_uuid).map(|id| uuid_to_hex(&id)));
    let scope = move || offering.with(|o| o.as_ref().and_then(|o| o.scope_uuid).map(|id| uuid_to_hex(&id)));
    let src_types = lookup_by(client, tenant, |client, tenant| client.volume_types_of_tenant(tenant, all()));
    let dst_types = lookup_by(client, scope, |client, scope| client.volume_types_of_settings(scope, all()));
    let subnets = lookup_by(client, tenant, |client, tenant| client.subnets(tenant, all()));
    let networks = lookup_by(client, tenant, |client, tenant| client.networks(tenant, all()));

    let create = use_submit::<MigrationDetails>();
    effect(move || match create.result.get() {
        Some(Ok(migration)) => {
            errors.set(FieldErrors::new());
            failure.set(None);
            // Ready for the next one.
            source.set(None);
            offering.set(None);
            name.set(String::new());
            name_touched.set(false);
            mappings.clear();
            if let Some(callback) = on_created {
                callback.run(migration);
            }
        }
        Some(Err(error)) => {
            let fields = error.fields().cloned().unwrap_or_default();
            failure.set(fields.is_empty().then(|| {
                i18n.fill("The migration was not created. {reason}", &[("reason", &error_summary(i18n, &error))])
            }));
            errors.set(fields);
        }
        None => {}
    });

    let body = move || {
        let typed = name.get_untracked();
        MigrationCreateRequest {
            src_resource: source.with_untracked(|s| s.as_ref().map(|s| uuid_to_hex(&s.uuid))).unwrap_or_default(),
            dst_offering: offering.with_untracked(|o| o.as_ref().map(|o| uuid_to_hex(&o.uuid))).unwrap_or_default(),
            dst_plan: plan.get_untracked(),
            name: (!typed.is_empty()).then_some(typed),
            description: None,
            mappings: Some(mappings.to_request()),
        }
    };
    let submit = move |event: web_sys::Event| {
        event.prevent_default();
        let request = body();
        let found = validate_create(&request);
        failure.set(None);
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        errors.set(FieldErrors::new());
        create.run(async move { client.get()?.create_and_fetch(request).await });
    };

    let invalid = move |path: &'static str| Signal::derive(move || errors.with(|e| has_messages(e, path)));
    let messages =
        move |path: &'static str, id: &str| field_messages(errors.into(), Signal::stored(path.to_owned()), id);
    let banner_lines = Signal::derive(move || {
        let mut lines: Vec<String> = failure.get().into_iter().collect();
        lines.extend(errors.with(|e| banner_messages(i18n, e, &form_shows)));
        lines
    });
    let no_limits = dynamic(move || {
        if source.with(|s| s.as_ref().is_some_and(|s| s.limits.is_empty())) {
            h("p")
                .class("wm-hint")
                .child(i18n.tr("This resource has no limits set; the server refuses to migrate such a resource."))
                .into_view()
        } else {
            View::empty()
        }
    });
    let source_field = h("div")
        .class("wm-field")
        .child(picker_node(
            "wm-create-source",
            "Source resource",
            "Type to search…",
            source,
            search_sources,
            invalid("src_resource"),
            Some(message_id("wm-create-source")),
        ))
        .child(messages("src_resource", "wm-create-source"))
        .child(no_limits);
    let name_field = field(
        h("label").class("wm-label").attr("for", "wm-create-name").child(i18n.tr("Name")),
        h("input")
            .id("wm-create-name")
            .class("wm-input")
            .attr("type", "text")
            .attr("placeholder", i18n.tr("Defaults to the source resource's name"))
            .attr("aria-invalid", maybe(move || invalid("name").get().then(|| "true".to_owned())))
            .attr("aria-describedby", message_id("wm-create-name"))
            .value(name.into())
            .on("input", move |event| {
                name_touched.set(true);
                name.set(target_value(&event));
                errors.update(|e| e.remove("name"));
            })
            .into_view(),
        messages("name", "wm-create-name"),
    );
    let offering_field = h("div")
        .class("wm-field")
        .child(picker_node(
            "wm-create-offering",
            "Destination offering",
            "Type to search…",
            offering,
            search_destinations,
            invalid("dst_offering"),
            Some(message_id("wm-create-offering")),
        ))
        .child(messages("dst_offering", "wm-create-offering"));
    let plan_field = field(
        h("label").class("wm-label").attr("for", "wm-create-plan").child(i18n.tr("Destination plan")),
        plan_select(i18n, offering, plan, errors, invalid),
        messages("dst_plan", "wm-create-plan").child(messages("plan", "wm-create-plan-limit")),
    );
    let editor = mappings_editor(EditorOptions {
        state: mappings,
        errors,
        id_prefix: "wm-create",
        src_volume_types: Signal::derive(move || src_types.value.with(items)),
        dst_volume_types: Signal::derive(move || dst_types.value.with(items)),
        subnets: Signal::derive(move || subnets.value.with(items)),
        networks: Some(Signal::derive(move || networks.value.with(items))),
    });
    let actions = h("div")
        .class("wm-form-actions")
        .child(
            h("button")
                .attr("type", "submit")
                .class("wm-button wm-button--primary")
                .flag("disabled", create.pending.into())
                .child(live(move || i18n.text(if create.pending.get() { "Creating…" } else { "Create migration" }))),
        )
        .child(on_cancel.map(|cancel| {
            h("button")
                .attr("type", "button")
                .class("wm-button")
                .on("click", move |_| cancel.run(()))
                .child(i18n.tr("Cancel"))
        }));
    h("form")
        .class("wm-root wm-form wm-create")
        .attr("novalidate", "")
        .attr("aria-label", i18n.tr("New migration"))
        .on("submit", submit)
        .child(banner(banner_lines))
        .child(
            h("div")
                .class("wm-form-grid")
                .child(source_field)
                .child(name_field)
                .child(offering_field)
                .child(plan_field),
        )
        .child(editor)
        .child(actions)
        .into_view()
}

/// The plan select: disabled until an offering is chosen, archived plans marked.
fn plan_select(
    i18n: I18n,
    offering: RwSignal<Option<DestinationOffering>>,
    plan: RwSignal<String>,
    errors: RwSignal<FieldErrors>,
    invalid: impl Fn(&'static str) -> Signal<bool> + Copy + 'static,
) -> View {
    h("select")
        .id("wm-create-plan")
        .class("wm-input")
        .flag("disabled", Signal::derive(move || offering.with(Option::is_none)))
        .attr(
            "aria-invalid",
            maybe(move || (invalid("dst_plan").get() || invalid("plan").get()).then(|| "true".to_owned())),
        )
        .attr("aria-describedby", message_id("wm-create-plan"))
        .on("change", move |event| {
            plan.set(target_value(&event));
            errors.update(|e| {
                e.remove("dst_plan");
                e.remove("plan");
            });
        })
        .child(dynamic(move || {
            let chosen = plan.get();
            let plans = offering.with(|o| o.as_ref().map(|o| o.plans.clone()));
            let first = i18n.text(if plans.is_none() { "Choose an offering first" } else { "Choose a plan" });
            let mut options =
                vec![h("option").attr("value", "").set_if("selected", chosen.is_empty()).child(first).into_view()];
            for p in plans.unwrap_or_default() {
                let value = uuid_to_hex(&p.uuid);
                let text = if p.archived { i18n.fill("{plan} (archived)", &[("plan", &p.name)]) } else { p.name };
                let selected = chosen == value;
                options.push(h("option").attr("value", value).set_if("selected", selected).child(text).into_view());
            }
            crate::view::dom::fragment(options)
        }))
        .into_view()
}
