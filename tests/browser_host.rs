//! The components as a host embeds them, in headless Chromium against the fake server: newest
//! first with the pager and the rows changing together, what HomePort users expect (staff
//! column, resource links, ERRED without a reason, the edit note), renaming and translating
//! through the catalog, and a provider replaced in place.
#![cfg(all(target_arch = "wasm32", feature = "ui"))]

mod browser_support;

use browser_support::dom::*;
use browser_support::mount::{mount, mount_as};
use browser_support::*;
use leptos::prelude::*;
use serde_json::json;
use waldur_migrations::ui::*;
use waldur_migrations::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn newest_first_and_the_pager_names_the_page_shown() {
    let user = TestUser::new(25).await;
    let client = user.client();
    let newest = client.list(ListQuery { page: Some(3), page_size: Some(10), ..Default::default() }).await.unwrap();
    let newest = newest.items.last().unwrap().clone();
    let (root, _handle) = mount(client, || view! { <MigrationList page_size=10 /> }.into_any());
    until("10 rows", || (rows(&root).len() == 10).then_some(())).await;
    let first_label = rows(&root)[0].get_attribute("aria-label").unwrap();
    assert!(first_label.starts_with(&newest.src_resource_name), "the newest first: {first_label}");
    // The next page is slow: until it arrives the pager still names page 1 and the table is
    // marked busy; then both change together. (Held 5 s: the busy state must still be there
    // when a slow machine first looks.)
    user.fault(json!({"kind": "delay", "delay_ms": 5000, "method": "GET"})).await;
    let shown = rows(&root).iter().map(|r| r.get_attribute("aria-label").unwrap()).collect::<Vec<_>>();
    click(&button(&root, "Next").unwrap());
    until("busy table", || one(&root, "table[aria-busy=true]")).await;
    assert!(text(&root).contains("Page 1 of 3"));
    assert_eq!(rows(&root).iter().map(|r| r.get_attribute("aria-label").unwrap()).collect::<Vec<_>>(), shown);
    until("page 2", || {
        let now: Vec<String> = rows(&root).iter().map(|r| r.get_attribute("aria-label").unwrap()).collect();
        (text(&root).contains("Page 2 of 3") && now != shown).then_some(())
    })
    .await;
    assert_eq!(one(&root, "table").unwrap().get_attribute("aria-busy").as_deref(), Some("false"));
}

#[wasm_bindgen_test]
async fn what_homeport_users_expect() {
    let user = TestUser::new(30).await;
    let client = user.client();
    // Staff see who created each migration; others do not.
    let (plain, _a) =
        mount_as(client.clone(), None, Some(false), Default::default(), || view! { <MigrationList /> }.into_any());
    until("rows", || (rows(&plain).len() == 10).then_some(())).await;
    assert!(!all(&plain, "thead th").iter().any(|th| text(th) == "Created by"));
    let (staff, _b) =
        mount_as(client.clone(), None, Some(true), Default::default(), || view! { <MigrationList /> }.into_any());
    until("staff rows", || (rows(&staff).len() == 10).then_some(())).await;
    assert!(all(&staff, "thead th").iter().any(|th| text(th) == "Created by"));
    // The destination resource links to the host when it gives a template.
    let href = "https://waldur.example.com/resources/{uuid}/";
    let (linked, _c) =
        mount_as(client.clone(), Some(href), None, Default::default(), || view! { <MigrationList /> }.into_any());
    let link = until("link", || one(&linked, "tbody a.wm-link")).await;
    assert!(link.get_attribute("href").unwrap().starts_with("https://waldur.example.com/resources/"));
    // An ERRED migration without a reason says so in HomePort's words.
    let everything = client.list_all(ListQuery::default(), Default::default()).await.unwrap();
    let erred = everything.items.iter().find(|m| m.state == MigrationState::Erred).expect("seeded failures").clone();
    let uuid = erred.uuid.simple().to_string();
    client
        .partial_update(
            &uuid,
            PatchedMigrationDetailsRequest { error_message: Some(String::new()), ..Default::default() },
        )
        .await
        .unwrap();
    let (details, _d) = mount(client.clone(), move || view! { <MigrationDetailsView uuid=uuid.clone() /> }.into_any());
    until("reason", || text(&details).contains("Reason unknown, please contact support.").then_some(())).await;
    // Editing says what saving does, and offers no networks (the server keeps none).
    click(&until("edit", || button(&details, "Edit mappings")).await);
    until("note", || text(&details).contains("Saving changes the stored record only").then_some(())).await;
    assert!(!all(&details, "legend").iter().any(|l| text(l) == "Networks"));
}

#[wasm_bindgen_test]
async fn the_host_renames_and_translates_through_the_catalog() {
    let user = TestUser::new(3).await;
    let mut catalog = waldur_migrations::i18n::Catalog::new();
    catalog.insert("Migrations", "Replikationen");
    catalog.insert("Source resource", "Quellressource");
    catalog.insert_plural("{count} migrations", &[("one", "{count} Replikation"), ("other", "{count} Replikationen")]);
    let (root, _handle) =
        mount_as(user.client(), None, Some(false), catalog, || view! { <MigrationList /> }.into_any());
    until("rows", || (rows(&root).len() == 3).then_some(())).await;
    assert!(text(&root).contains("3 Replikationen"), "{}", text(&root));
    assert!(all(&root, "thead th").iter().any(|th| text(th) == "Quellressource"));
    assert_eq!(one(&root, "section").unwrap().get_attribute("aria-label").as_deref(), Some("Replikationen"));
    // Dates are the browser's, in the locale (German months and relative times).
    let time = one(&root, "tbody time").unwrap();
    assert!(
        text(&time).starts_with("vor ") || text(&time).contains("Tag") || text(&time).contains("Monat"),
        "{}",
        text(&time)
    );
}

#[wasm_bindgen_test]
async fn a_provider_replaced_in_place_leaves_nothing_behind() {
    let user = TestUser::new(1).await;
    let client = user.client();
    let mut catalog = waldur_migrations::i18n::Catalog::new();
    catalog.insert("Migrations", "Replikationen");
    let catalog = Signal::stored(catalog);
    let inside = RwSignal::new(true);
    let root = container();
    let client = send_wrapper::SendWrapper::new(client);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let client = client.clone();
        view! {
            {move || if inside.get() {
                MigrationsProvider(MigrationsProviderProps {
                    client: (*client).clone(),
                    locale: Some(Signal::stored("de".to_owned())),
                    messages: Some(catalog),
                    resource_href: None,
                    staff: None,
                    children: Box::new(|| view! { <MigrationList /> }.into_any()),
                })
                .into_any()
            } else {
                view! { <p class="outside">{use_i18n().text("Migrations")}</p> }.into_any()
            }}
        }
    });
    until("the list in German", || one(&root, "section[aria-label=Replikationen]")).await;
    inside.set(false);
    let outside = until("the view that replaced it", || one(&root, "p.outside")).await;
    assert_eq!(text(&outside), "Migrations", "the provider's language went with it");
}

#[wasm_bindgen_test]
async fn a_component_without_a_provider_says_so_as_a_usage_error() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || view! { <MigrationList /> });
    let alert = until("the error", || one(&root, "[role=alert]")).await;
    assert!(text(&alert).contains("MigrationsProvider"), "{}", text(&alert));
    assert!(text(&alert).contains("set up wrongly"), "not reported as a network failure: {}", text(&alert));
}

#[wasm_bindgen_test]
async fn the_create_form_filters_as_homeport_does() {
    // Staff may see every offering; the form still offers only what the source's organisation
    // may order (`allowed_customer_uuid`), and only the tenant's own networks (`direct_only`).
    let user = TestUser::staff().await;
    let (root, _handle) = mount(user.client(), || view! { <MigrationCreateForm /> }.into_any());
    until("form", || button(&root, "Create migration")).await;
    pick(&root, "Source resource", "genomics-prod", "genomics-prod").await;
    let networks = until("networks", || {
        let fieldset =
            all(&root, "fieldset").into_iter().find(|f| one(f, "legend").is_some_and(|l| text(&l) == "Networks"))?;
        (!all(&fieldset, "input[type=checkbox]").is_empty()).then_some(fieldset)
    })
    .await;
    assert!(!text(&networks).contains("public-ext"), "no provider network: {}", text(&networks));
    let input = labelled(&root, "Destination offering").unwrap();
    let list_id = input.get_attribute("aria-controls").unwrap();
    type_into(&input, "Helsinki");
    let offered = until("offerings", || {
        let list = web_sys::window()?.document()?.get_element_by_id(&list_id)?;
        if list.get_attribute("aria-busy").as_deref() != Some("false") {
            return None;
        }
        let labels: Vec<String> = all(&list, ".wm-option-label").iter().map(text).collect();
        (!labels.is_empty()).then_some(labels)
    })
    .await;
    assert!(offered.iter().any(|l| l.starts_with("Helsinki Cloud — OpenStack tenant")), "{offered:?}");
    assert!(!offered.iter().any(|l| l.contains("private GPU")), "{offered:?}");
}
