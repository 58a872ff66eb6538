//! The client every component below uses.

use crate::Client;
use leptos::__reexports::send_wrapper::SendWrapper;
use leptos::prelude::*;

#[derive(Clone)]
struct ClientContext(SendWrapper<Client>);

/// Makes `client` the one the components below the current owner use.
pub fn provide_client(client: Client) {
    provide_context(ClientContext(SendWrapper::new(client)));
}

/// The client provided above, if any.
pub fn use_client() -> Option<Client> {
    use_context::<ClientContext>().map(|context| (*context.0).clone())
}

/// Provides `client` to its children (same as calling [`provide_client`]).
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use waldur_migrations::{ui::*, Client};
/// # let client = Client::builder("https://waldur.example.com").token("...").build();
/// view! { <MigrationsProvider client=client><MigrationList /></MigrationsProvider> };
/// ```
#[component]
pub fn MigrationsProvider(
    /// Base URL and credentials for every request below.
    client: Client,
    /// The components that use it.
    children: Children,
) -> impl IntoView {
    provide_client(client);
    children()
}

/// The client of a component, captured when it is created (async code runs without an owner,
/// so it cannot look the context up itself). Copy, so closures can hold it.
#[derive(Clone, Copy)]
pub(crate) struct ClientHandle(StoredValue<Option<Client>, LocalStorage>);

impl ClientHandle {
    /// Takes the client provided above the current component.
    pub(crate) fn capture() -> Self {
        ClientHandle(StoredValue::new_local(use_client()))
    }

    /// The client, or a typed error saying none was provided (shown by the components).
    pub(crate) fn get(&self) -> Result<Client, crate::Error> {
        self.0
            .try_get_value()
            .flatten()
            .ok_or_else(|| crate::Error::Network("no client: wrap the components in <MigrationsProvider>".into()))
    }
}
