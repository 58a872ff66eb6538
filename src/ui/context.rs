//! What the components below a [`MigrationsProvider`] share: the client, the language, and the
//! host's options (a link template for resources, whether the user is staff).

use super::hooks::effect;
use super::i18n::{canonical_locale, I18n};
use crate::i18n::Catalog;
use crate::Client;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

/// The client and the host's options, in context.
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

/// The link of a destination resource, from the host's template (`…/resources/{uuid}/`).
pub fn resource_link(uuid: &str) -> Option<String> {
    let template = use_context::<Shared>()?.resource_href?;
    Some(template.replace("{uuid}", uuid))
}

/// Whether the host said the user is staff (`None`: not said, the components ask the server).
pub fn staff_hint() -> Option<bool> {
    use_context::<Shared>().and_then(|shared| shared.staff)
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
        let canonical = Signal::derive(move || canonical_locale(&locale.get()));
        let catalog = messages.unwrap_or_else(|| Signal::stored(Catalog::new()));
        let stored = StoredValue::new_local(Some(client.clone()));
        // The same client, asking for the interface's language from now on.
        let base = SendWrapper::new(client);
        effect(move || {
            let tag = canonical.get();
            stored.set_value(Some(base.with_language(&tag)));
        });
        provide_context(I18n::new(canonical, catalog));
        provide_context(Shared { client: stored, resource_href, staff });
        children()
    });
    leptos::tachys::reactive_graph::OwnedView::new_with_owner(view, owner)
}

/// The client of a component, captured when it is created (async code runs without an owner,
/// so it cannot look the context up itself). Copy, so closures can hold it.
#[derive(Clone, Copy)]
pub(crate) struct ClientHandle(Option<StoredValue<Option<Client>, LocalStorage>>);

impl ClientHandle {
    /// Takes the client provided above the current component.
    pub(crate) fn capture() -> Self {
        ClientHandle(use_context::<Shared>().map(|shared| shared.client))
    }

    /// The client, or a usage error saying none was provided (shown by the components).
    pub(crate) fn get(&self) -> Result<Client, crate::Error> {
        self.0
            .and_then(|stored| stored.try_get_value().flatten())
            .ok_or_else(|| crate::Error::usage("no client: wrap the components in <MigrationsProvider>"))
    }
}
