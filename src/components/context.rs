//! What the components below a provider share: the client, the language, and the host's
//! options (a link template for resources, whether the user is staff).

use super::i18n::I18n;
use crate::i18n::Catalog;
use crate::prelude::*;
use crate::view::dom::View;
use crate::view::{effect, provide_context, use_context, Owner, Signal, StoredValue};
use crate::Client;

/// The client and the host's options, in context.
#[derive(Clone)]
struct Shared {
    client: StoredValue<Option<Client>>,
    resource_href: Option<String>,
    staff: Option<bool>,
}

/// Makes `client` the one the components below the current owner use (English, no options).
pub fn provide_client(client: Client) {
    provide_context(Shared { client: StoredValue::new(Some(client)), resource_href: None, staff: None });
}

/// The client provided above, if any.
pub fn use_client() -> Option<Client> {
    use_context::<Shared>().and_then(|shared| shared.client.try_get_value().flatten())
}

/// The link of a destination resource, from the host's template (`…/resources/{uuid}/`).
pub fn resource_link(uuid: &str) -> Option<String> {
    let template = use_context::<Shared>()?.resource_href?;
    Some(crate::i18n::fill(&template, &[("uuid", uuid)]))
}

/// Whether the host said the user is staff (`None`: not said, the components ask the server).
pub fn staff_hint() -> Option<bool> {
    use_context::<Shared>().and_then(|shared| shared.staff)
}

/// What a [`migrations_provider`] gives the components below it.
pub struct ProviderOptions {
    /// Base URL and credentials for every request below.
    pub client: Client,
    /// The interface language (a BCP 47 tag such as `de` or `et-EE`; default `en`). Sent as
    /// `Accept-Language`, so the server's own messages match.
    pub locale: Option<Signal<String>>,
    /// Translations keyed by the English text (see [`crate::i18n`]); English when absent.
    pub messages: Option<Signal<Catalog>>,
    /// Link template of a destination resource in the host
    /// (`https://waldur.example.com/resources/{uuid}/`); plain text when absent.
    pub resource_href: Option<String>,
    /// Whether the user is staff (shows who created each migration); asked from the server
    /// when not given.
    pub staff: Option<bool>,
}

/// Provides a client, a language and the host's options to what `children` builds. It has its
/// own owner, so what it provides stays below it and goes with it.
pub fn migrations_provider(options: ProviderOptions, children: impl FnOnce() -> View) -> View {
    let ProviderOptions { client, locale, messages, resource_href, staff } = options;
    let owner = Owner::new();
    owner.with(move || {
        let locale = locale.unwrap_or_else(|| Signal::stored("en".to_owned()));
        let canonical = Signal::derive(move || crate::intl::canonical_locale(&locale.get()));
        let catalog = messages.unwrap_or_else(|| Signal::stored(Catalog::new()));
        let stored = StoredValue::new(Some(client.clone()));
        // The same client, asking for the interface's language from now on.
        effect(move || {
            let tag = canonical.get();
            stored.set_value(Some(client.with_language(&tag)));
        });
        provide_context(I18n::new(canonical, catalog));
        provide_context(Shared { client: stored, resource_href, staff });
        children()
    })
}

/// The client of a component, captured when it is created (async code runs without an owner,
/// so it cannot look the context up itself). Copy, so closures can hold it.
#[derive(Clone, Copy)]
pub(crate) struct ClientHandle(Option<StoredValue<Option<Client>>>);

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
