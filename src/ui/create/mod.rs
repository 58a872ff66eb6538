//! The create form: name, source resource, destination offering and plan, volume type pairs,
//! subnet pairs, networks and the two flags. Checked with the server's rules before sending;
//! the server's own field errors land at the field they name; one POST per click.

use super::context::ClientHandle;
use super::fields::{banner_messages, error_summary, has_messages, message_id, FieldMessages};
use super::loader::use_loader;
use super::mappings::{editor_shows, MappingsEditor, MappingsState};
use super::picker::Picker;
use crate::error::FieldErrors;
use crate::model::{DestinationOffering, MigrationCreateRequest, MigrationDetails, SourceResource};
use crate::page::Page;
use crate::transport::AbortSignal;
use crate::validate::validate_create;
use crate::{Error, LookupQuery};
use leptos::prelude::*;

/// Paths the form shows at a field (the rest go to the banner).
fn form_shows(path: &str) -> bool {
    matches!(path, "src_resource" | "dst_offering" | "dst_plan" | "plan" | "name" | "description") || editor_shows(path)
}

async fn search_offerings(
    client: ClientHandle,
    text: String,
    signal: AbortSignal,
) -> Result<Vec<DestinationOffering>, Error> {
    let name = Some(text).filter(|t| !t.is_empty());
    let page = client
        .get()?
        .destination_offerings(LookupQuery { name, page_size: Some(20), ..Default::default() })
        .signal(signal)
        .await?;
    Ok(page.items)
}

fn all() -> LookupQuery {
    LookupQuery { page_size: Some(300), ..Default::default() }
}

fn items<T: Clone + Send + Sync + 'static>(value: &Option<Result<Vec<T>, Error>>) -> Vec<T> {
    value.as_ref().and_then(|r| r.as_ref().ok()).cloned().unwrap_or_default()
}

/// A lookup that follows a uuid (the chosen tenant or cloud): empty while there is none.
fn lookup_by<T, E>(
    client: ClientHandle,
    key: impl Fn() -> Option<String> + 'static,
    endpoint: fn(&crate::Client, &str) -> crate::Call<E>,
) -> super::loader::Loader<Vec<T>>
where
    T: Send + Sync + 'static,
    E: crate::Endpoint<Output = Page<T>> + 'static,
{
    use_loader(key, move |key, signal| async move {
        match key {
            Some(key) => Ok(endpoint(&client.get()?, &key).signal(signal).await?.items),
            None => Ok(Vec::new()),
        }
    })
}

/// Creates a migration.
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use waldur_migrations::{ui::*, MigrationDetails};
/// view! {
///     <MigrationCreateForm on_created=Callback::new(|m: MigrationDetails| leptos::logging::log!("created {}", m.uuid)) />
/// };
/// ```
#[component]
pub fn MigrationCreateForm(
    /// Called with the new migration after the server accepted it.
    #[prop(optional, into)]
    on_created: Option<Callback<MigrationDetails>>,
    /// Shows a Cancel button that calls this.
    #[prop(optional, into)]
    on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let client = ClientHandle::capture();
    let search_sources = move |text, signal| super::list::search_resources(client, text, signal);
    let search_offerings = move |text, signal| search_offerings(client, text, signal);
    let name = RwSignal::new(String::new());
    let name_touched = RwSignal::new(false);
    let source = RwSignal::new(None::<SourceResource>);
    let offering = RwSignal::new(None::<DestinationOffering>);
    let plan = RwSignal::new(String::new());
    let mappings = MappingsState::new();
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<String>);

    // The name follows the source until the user types one; a new source clears its lookups.
    Effect::new(move |previous: Option<Option<crate::Uuid>>| {
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
    // The plan defaults to the offering's first.
    Effect::new(move |previous: Option<Option<crate::Uuid>>| {
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
                .map(|p| p.uuid.simple().to_string())
                .unwrap_or_default(),
        );
        key
    });

    let tenant = move || source.with(|s| s.as_ref().and_then(|s| s.resource_uuid).map(|id| id.simple().to_string()));
    let scope = move || offering.with(|o| o.as_ref().and_then(|o| o.scope_uuid).map(|id| id.simple().to_string()));
    let src_types = lookup_by(client, tenant, |client, tenant| client.volume_types_of_tenant(tenant, all()));
    let dst_types = lookup_by(client, scope, |client, scope| client.volume_types_of_settings(scope, all()));
    let subnets = lookup_by(client, tenant, |client, tenant| client.subnets(tenant, all()));
    let networks = lookup_by(client, tenant, |client, tenant| client.networks(tenant, all()));

    let create = Action::new_local(move |body: &MigrationCreateRequest| {
        let body = body.clone();
        async move { client.get()?.create_and_fetch(body).await }
    });
    Effect::new(move |_| match create.value().get() {
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
            failure.set(fields.is_empty().then(|| format!("The migration was not created. {}", error_summary(&error))));
            errors.set(fields);
        }
        None => {}
    });

    let body = move || {
        let typed = name.get_untracked();
        MigrationCreateRequest {
            src_resource: source
                .with_untracked(|s| s.as_ref().map(|s| s.uuid.simple().to_string()))
                .unwrap_or_default(),
            dst_offering: offering
                .with_untracked(|o| o.as_ref().map(|o| o.uuid.simple().to_string()))
                .unwrap_or_default(),
            dst_plan: plan.get_untracked(),
            name: (!typed.is_empty()).then_some(typed),
            description: None,
            mappings: Some(mappings.to_request()),
        }
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        // One POST per click: a second submit while the first runs does nothing.
        if create.pending().get_untracked() {
            return;
        }
        let request = body();
        let found = validate_create(&request);
        failure.set(None);
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        errors.set(FieldErrors::new());
        create.dispatch_local(request);
    };

    let plans = move || offering.with(|o| o.as_ref().map(|o| o.plans.clone()).unwrap_or_default());
    let invalid = move |path: &'static str| Signal::derive(move || errors.with(|e| has_messages(e, path)));
    let banner = Memo::new(move |_| errors.with(|e| banner_messages(e, &form_shows)));
    let no_limits = move || source.with(|s| s.as_ref().is_some_and(|s| s.limits.is_empty()));

    view! {
        <form class="wm-root wm-form wm-create" on:submit=submit novalidate aria-label="New migration">
            {move || (failure.with(Option::is_some) || !banner.with(Vec::is_empty)).then(|| view! {
                <div class="wm-banner" role="alert">
                    {failure.get().map(|text| view! { <p>{text}</p> })}
                    {banner.get().into_iter().map(|text| view! { <p>{text}</p> }).collect_view()}
                </div>
            })}
            <div class="wm-form-grid">
                <div class="wm-field">
                    <Picker
                        id="wm-create-source"
                        label="Source resource"
                        selected=source
                        search=search_sources
                        described_by=message_id("wm-create-source")
                        invalid=invalid("src_resource")
                    />
                    <FieldMessages errors=errors path="src_resource".to_string() field_id="wm-create-source" />
                    <Show when=no_limits>
                        <p class="wm-hint">"This resource has no limits set; the server refuses to migrate such a resource."</p>
                    </Show>
                </div>
                <div class="wm-field">
                    <label class="wm-label" for="wm-create-name">"Name"</label>
                    <input
                        id="wm-create-name"
                        class="wm-input"
                        type="text"
                        placeholder="Defaults to the source resource's name"
                        aria-invalid=move || invalid("name").get().then_some("true")
                        aria-describedby=message_id("wm-create-name")
                        prop:value=move || name.get()
                        on:input=move |event| {
                            name_touched.set(true);
                            name.set(event_target_value(&event));
                            errors.update(|e| e.remove("name"));
                        }
                    />
                    <FieldMessages errors=errors path="name".to_string() field_id="wm-create-name" />
                </div>
                <div class="wm-field">
                    <Picker
                        id="wm-create-offering"
                        label="Destination offering"
                        selected=offering
                        search=search_offerings
                        described_by=message_id("wm-create-offering")
                        invalid=invalid("dst_offering")
                    />
                    <FieldMessages errors=errors path="dst_offering".to_string() field_id="wm-create-offering" />
                </div>
                <div class="wm-field">
                    <label class="wm-label" for="wm-create-plan">"Destination plan"</label>
                    <select
                        id="wm-create-plan"
                        class="wm-input"
                        disabled=move || offering.with(Option::is_none)
                        aria-invalid=move || (invalid("dst_plan").get() || invalid("plan").get()).then_some("true")
                        aria-describedby=message_id("wm-create-plan")
                        on:change=move |event| {
                            plan.set(event_target_value(&event));
                            errors.update(|e| {
                                e.remove("dst_plan");
                                e.remove("plan");
                            });
                        }
                    >
                        <option value="" selected=move || plan.with(String::is_empty)>
                            {move || if offering.with(Option::is_none) { "Choose an offering first" } else { "Choose a plan" }}
                        </option>
                        {move || plans().into_iter().map(|p| {
                            let value = p.uuid.simple().to_string();
                            let selected = { let value = value.clone(); move || plan.get() == value };
                            let text = if p.archived { format!("{} (archived)", p.name) } else { p.name.clone() };
                            view! { <option value=value selected=selected>{text}</option> }
                        }).collect_view()}
                    </select>
                    <FieldMessages errors=errors path="dst_plan".to_string() field_id="wm-create-plan" />
                    <FieldMessages errors=errors path="plan".to_string() field_id="wm-create-plan-limit" />
                </div>
            </div>
            <MappingsEditor
                state=mappings
                errors=errors
                id_prefix="wm-create"
                src_volume_types=Signal::derive(move || src_types.value.with(items))
                dst_volume_types=Signal::derive(move || dst_types.value.with(items))
                subnets=Signal::derive(move || subnets.value.with(items))
                networks=Signal::derive(move || networks.value.with(items))
            />
            <div class="wm-form-actions">
                <button type="submit" class="wm-button wm-button--primary" disabled=move || create.pending().get()>
                    {move || if create.pending().get() { "Creating…" } else { "Create migration" }}
                </button>
                {on_cancel.map(|cancel| view! {
                    <button type="button" class="wm-button" on:click=move |_| cancel.run(())>"Cancel"</button>
                })}
            </div>
        </form>
    }
}
