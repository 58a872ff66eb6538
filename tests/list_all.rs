//! `list_all`: concurrent paging in server order, caps, progress, and refusing to guess when the
//! paging headers cannot be read; over a scripted transport.
#![cfg(not(target_arch = "wasm32"))]

mod scripted;

use scripted::*;
use std::cell::RefCell;
use std::rc::Rc;
use waldur_migrations::*;

fn paged_server(total: usize) -> Box<dyn Fn(&str) -> Reply> {
    Box::new(move |url: &str| {
        let page = waldur_migrations::page::page_of_url(url) as usize;
        let size: usize = url.split("page_size=").nth(1).and_then(|s| s.split('&').next()).unwrap().parse().unwrap();
        let start = (page - 1) * size;
        let items: Vec<String> = (start..(start + size).min(total)).map(migration_json).collect();
        ok(200, &format!("[{}]", items.join(",")), &[("x-result-count", &total.to_string())])
    })
}

#[test]
fn list_all_fetches_concurrently_in_server_order_with_progress() {
    let transport = Rc::new(Scripted::default());
    *transport.by_url.borrow_mut() = Some(paged_server(2_345));
    let progress = Rc::new(RefCell::new(Vec::new()));
    let seen = progress.clone();
    let options = ListAllOptions {
        concurrency: 3,
        on_progress: Some(Rc::new(move |done, total| seen.borrow_mut().push((done, total)))),
        ..Default::default()
    };
    let all = run(client(&transport).list_all(ListQuery::default(), options)).unwrap();
    assert_eq!(all.items.len(), 2_345);
    assert_eq!(all.total, Some(2_345));
    assert_eq!(all.pages, 8);
    for (index, item) in all.items.iter().enumerate() {
        assert_eq!(item.uuid.simple().to_string(), format!("{index:032x}"));
    }
    assert_eq!(progress.borrow().first(), Some(&(1, 8)));
    assert_eq!(progress.borrow().last(), Some(&(8, 8)));
    assert_eq!(transport.max_in_flight.get(), 3, "bounded concurrency");
}

#[test]
fn list_all_stops_at_the_cap_and_fails_as_a_whole() {
    let transport = Rc::new(Scripted::default());
    *transport.by_url.borrow_mut() = Some(paged_server(1_000));
    let options = ListAllOptions { page_size: 100, max_items: Some(250), ..Default::default() };
    let all = run(client(&transport).list_all(ListQuery::default(), options)).unwrap();
    assert_eq!(all.items.len(), 250);
    assert_eq!(transport.sent.borrow().len(), 3, "only the pages the cap needs");

    let failing = Rc::new(Scripted::default());
    let inner = paged_server(1_000);
    *failing.by_url.borrow_mut() = Some(Box::new(move |url: &str| {
        if url.contains("page=3&") {
            ok(404, r#"{"detail": "Invalid page."}"#, &[])
        } else {
            inner(url)
        }
    }));
    let err =
        run(client(&failing).list_all(ListQuery::default(), ListAllOptions { page_size: 100, ..Default::default() }))
            .unwrap_err();
    assert_eq!(err.detail(), Some("Invalid page."));
}

#[test]
fn remaining_pages_arithmetic() {
    use waldur_migrations::client::remaining_pages;
    assert_eq!(remaining_pages(0, 300, None).count(), 0);
    assert_eq!(remaining_pages(300, 300, None).count(), 0);
    assert_eq!(remaining_pages(301, 300, None), 2..=2);
    assert_eq!(remaining_pages(10_000, 300, Some(600)), 2..=2);
    assert_eq!(remaining_pages(u64::MAX, 1, None), 2..=u32::MAX);
}

#[test]
fn list_all_without_readable_paging_headers_fails_instead_of_stopping_at_page_one() {
    let full_page: Vec<String> = (0..300).map(migration_json).collect();
    let transport = Rc::new(Scripted::default());
    transport.replies.borrow_mut().push_back(ok(200, &format!("[{}]", full_page.join(",")), &[]));
    let err = run(client(&transport).list_all(ListQuery::default(), Default::default())).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert!(err.to_string().contains("X-Result-Count") && err.to_string().contains("Link"), "{err}");
    // A short first page is the whole list, headers or not.
    transport.replies.borrow_mut().push_back(ok(200, &format!("[{}]", migration_json(1)), &[]));
    let all = run(client(&transport).list_all(ListQuery::default(), Default::default())).unwrap();
    assert_eq!((all.items.len(), all.total, all.pages), (1, None, 1));
    // The `last` link alone is enough to know how many pages to fetch.
    let inner = paged_server(450);
    *transport.by_url.borrow_mut() = Some(Box::new(move |url: &str| {
        let mut reply = inner(url)?;
        reply.headers =
            vec![("link".into(), "<http://h/api/openstack-migrations/?page=2&page_size=300>; rel=\"last\"".into())];
        Ok(reply)
    }));
    let all = run(client(&transport).list_all(ListQuery::default(), Default::default())).unwrap();
    assert_eq!(all.items.len(), 450);
}
