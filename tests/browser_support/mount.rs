//! Mounting components for the component tests: under a provider, as a host would.
#![allow(dead_code)]

use super::dom::container;
use leptos::prelude::*;
use waldur_migrations::ui::*;
use waldur_migrations::Client;

/// Mounts `view` with `client` provided, into a fresh element.
/// The handle unmounts the view when dropped.
pub fn mount(
    client: Client,
    view: impl Fn() -> AnyView + Clone + Send + 'static,
) -> (web_sys::HtmlElement, Box<dyn std::any::Any>) {
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let client = client.clone();
        // The children are built inside the provider, so they find the client.
        let inner = view.clone();
        view! { <MigrationsProvider client=client>{inner()}</MigrationsProvider> }
    });
    (root, Box::new(handle))
}

/// Mounts `view` under a provider given a host's options: a link template, staff, a catalog.
pub fn mount_as(
    client: Client,
    resource_href: Option<&'static str>,
    staff: Option<bool>,
    catalog: waldur_migrations::i18n::Catalog,
    view: impl Fn() -> AnyView + Clone + Send + 'static,
) -> (web_sys::HtmlElement, Box<dyn std::any::Any>) {
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let inner = view.clone();
        MigrationsProvider(MigrationsProviderProps {
            client: client.clone(),
            locale: Some(Signal::stored("de-DE".to_owned())),
            messages: Some(Signal::stored(catalog.clone())),
            resource_href: resource_href.map(str::to_owned),
            staff,
            children: Box::new(inner),
        })
    });
    (root, Box::new(handle))
}
