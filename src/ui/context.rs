//! `MigrationsProvider`: the client, the language and the host's options for the Leptos
//! components below it, handed to each component when it is built.

use super::host::{follow, host, Hosted};
use super::i18n::I18n;
use crate::components::{migrations_provider, ProviderOptions};
use crate::i18n::Catalog;
use crate::view::dom::View;
use crate::Client;
use leptos::prelude::*;

/// What a provider gives the components below it.
#[derive(Clone)]
struct Shared {
    client: StoredValue<Option<Client>, LocalStorage>,
    resource_href: Option<String>,
    staff: Option<bool>,
}

/// Makes `client` the one the components below the current owner use (English, no options).
pub fn provide_client(client: Client) {
    provide_context(Shared { client: StoredValue::new_local(Some(client)), resource_href: None, staff: None });
}

/// The client provided above, if any.
pub fn use_client() -> Option<Client> {
    use_context::<Shared>().and_then(|shared| shared.client.try_get_value().flatten())
}

/// Provides a client, a language and the host's options to its children.
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use waldur_migrations::{ui::*, Client, i18n::Catalog};
/// # let client = Client::builder("https://waldur.example.com").token("...").build();
/// let mut catalog = Catalog::new();
/// catalog.insert("Migrations", "Replications");
/// view! {
///     <MigrationsProvider client=client locale="en" messages=catalog>
///         <MigrationList />
///     </MigrationsProvider>
/// };
/// ```
#[component]
pub fn MigrationsProvider(
    /// Base URL and credentials for every request below.
    client: Client,
    /// The interface language (a BCP 47 tag such as `de` or `et-EE`; default `en`). Sent as
    /// `Accept-Language`, so the server's own messages match.
    #[prop(optional, into)]
    locale: Option<Signal<String>>,
    /// Translations keyed by the English text (see [`crate::i18n`]); English when absent.
    #[prop(optional, into)]
    messages: Option<Signal<Catalog>>,
    /// Link template of a destination resource in the host (`https://waldur.example.com/resources/{uuid}/`);
    /// plain text when absent.
    #[prop(optional, into)]
    resource_href: Option<String>,
    /// Whether the user is staff (shows who created each migration); asked from the server when
    /// not given.
    #[prop(optional)]
    staff: Option<bool>,
    /// The components that use them.
    children: Children,
) -> impl IntoView {
    // Its own owner, so what it provides stays below it: a view that replaces it (in the same
    // reactive region) never finds its contexts, and leaving it disposes them.
    let owner = Owner::current().map(|parent| parent.child()).unwrap_or_default();
    let view = owner.with(move || {
        let locale = locale.unwrap_or_else(|| Signal::stored("en".to_owned()));
        let canonical = Signal::derive(move || crate::intl::canonical_locale(&locale.get()));
        let catalog = messages.unwrap_or_else(|| Signal::stored(Catalog::new()));
        provide_context(I18n::new(canonical, catalog));
        provide_context(Shared { client: StoredValue::new_local(Some(client)), resource_href, staff });
        children()
    });
    leptos::tachys::reactive_graph::OwnedView::new_with_owner(view, owner)
}

/// Builds a component as the provider above would show it: its client, language and options
/// handed over (the language followed as it changes). Without a provider the component is
/// built alone and says it has no client.
pub(crate) fn provided(component: impl FnOnce() -> View + 'static) -> Hosted {
    let shared = use_context::<Shared>();
    let i18n = super::i18n::use_i18n();
    host(move || {
        let client = shared.as_ref().and_then(|shared| shared.client.try_get_value().flatten());
        let Some(client) = client else { return component() };
        let options = ProviderOptions {
            client,
            locale: Some(follow(i18n.locale)),
            messages: Some(follow(i18n.catalog)),
            resource_href: shared.as_ref().and_then(|s| s.resource_href.clone()),
            staff: shared.as_ref().and_then(|s| s.staff),
        };
        migrations_provider(options, component)
    })
}
