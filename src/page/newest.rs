//! A list shown newest first, when the server lists oldest first with no ordering parameter:
//! which server pages hold a page ([`NewestFirst`]), and loading it as plain state
//! ([`NewestFirstLoad`]).

use crate::prelude::*;

use super::Page;

/// Where page `page` (1-based) of a list shown newest first lies in the server's oldest-first
/// pages of the same size: the server pages to fetch (one or two), and which of their items,
/// once concatenated, to show (then reversed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NewestFirst {
    /// The first server page to fetch.
    pub first: u32,
    /// The second one, when the window spans two.
    pub second: Option<u32>,
    /// Items of the concatenated pages to skip from the start.
    pub skip: usize,
    /// Items to show after those.
    pub take: usize,
    /// Pages of the newest-first list.
    pub pages: u32,
}

impl NewestFirst {
    /// The window of `page` for a list of `total` items shown `size` at a time; a page beyond
    /// the last gives the last.
    pub fn window(total: u64, page: u32, size: u32) -> NewestFirst {
        let size = u64::from(size.max(1));
        let pages = total.div_ceil(size).max(1);
        let page = u64::from(page.max(1)).min(pages);
        let high = total.saturating_sub((page - 1) * size);
        let low = high.saturating_sub(size);
        let first = low / size + 1;
        let last = high.saturating_sub(1) / size + 1;
        let to_u32 = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        let to_usize = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        NewestFirst {
            first: to_u32(first),
            second: (last > first).then(|| to_u32(last)),
            skip: to_usize(low - (first - 1) * size),
            take: to_usize(high - low),
            pages: to_u32(pages),
        }
    }

    /// The items of this window, newest first, from the fetched pages' items.
    pub fn pick<T>(&self, mut items: Vec<T>) -> Vec<T> {
        let end = self.skip.saturating_add(self.take).min(items.len());
        items.truncate(end);
        let mut shown = items.split_off(self.skip.min(end));
        shown.reverse();
        shown
    }
}

/// A page of a list shown newest first, as loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct NewestPage<T> {
    /// The items, in display order.
    pub items: Vec<T>,
    /// The page they are (1-based).
    pub page: u32,
    /// Pages in all, when known.
    pub pages: Option<u32>,
    /// Items in all, when known.
    pub total: Option<u64>,
    /// The server did not say how many there are: its own order, one server page at a time.
    pub paging_unknown: bool,
    /// Whether a next page may exist (always known when the total is).
    pub has_next: bool,
}

/// What loading a page newest first needs next.
#[derive(Debug, PartialEq)]
pub enum NewestStep<T> {
    /// The server's page with this number (its answer goes to [`NewestFirstLoad::step`]).
    Fetch(u32),
    /// The page to show.
    Done(NewestPage<T>),
}

/// What the page being fetched is for.
#[derive(Clone, Copy, Debug)]
enum Awaiting {
    Start,
    /// Page 1, whose headers tell the total.
    First,
    /// The `last` page, whose length completes the total.
    Last(u32),
    /// The page asked for, in the server's order (no total).
    Unknown,
    /// The window's first page, then its second.
    WindowFirst,
    WindowSecond,
}

/// Loading page `page` of a list shown newest first, `size` at a time, as plain state: the
/// server lists oldest first with no ordering parameter, so the page is read from the one or
/// two server pages that hold it (see [`NewestFirst`]). The total comes from a known total (the
/// previous load with the same filters), else `X-Result-Count`, else the `last` link and that
/// page's length; without any, the server's order is shown. The total may change between
/// requests (a migration created elsewhere): it is read again once, then what came is shown.
/// The caller fetches what [`NewestFirstLoad::step`] asks for and hands each answer back.
#[derive(Debug)]
pub struct NewestFirstLoad<T> {
    page: u32,
    size: u32,
    total: Option<u64>,
    awaiting: Awaiting,
    attempt: u32,
    window: Option<NewestFirst>,
    /// Page 1 when it came first: shown without fetching it again if the window starts there.
    kept: Option<Page<T>>,
    /// The window's first page, while its second is fetched.
    first: Option<Page<T>>,
}

impl<T> NewestFirstLoad<T> {
    /// Page `page` (1-based) of a list shown `size` at a time, with a total already known or not.
    pub fn new(page: u32, size: u32, known_total: Option<u64>) -> Self {
        NewestFirstLoad {
            page,
            size: size.max(1),
            total: known_total,
            awaiting: Awaiting::Start,
            attempt: 0,
            window: None,
            kept: None,
            first: None,
        }
    }

    /// The next step, given the answer to the last [`NewestStep::Fetch`] (`None` at first).
    pub fn step(&mut self, answer: Option<Page<T>>) -> NewestStep<T> {
        let Some(page) = answer else {
            return match self.total {
                Some(_) => self.window(),
                None => self.fetch(Awaiting::First, 1),
            };
        };
        match self.awaiting {
            Awaiting::Start => NewestStep::Fetch(1),
            Awaiting::First => {
                if page.total.is_some() {
                    self.total = page.total;
                    self.kept = Some(page);
                    return self.window();
                }
                match page.links.last.as_ref().map(|link| link.page) {
                    Some(last) if last == page.page => {
                        self.total = Some(self.total_with_last(last, &page));
                        self.kept = Some(page);
                        self.window()
                    }
                    Some(last) => {
                        self.kept = Some(page);
                        self.fetch(Awaiting::Last(last), last)
                    }
                    None if self.page <= 1 => self.unknown(page),
                    None => self.fetch(Awaiting::Unknown, self.page),
                }
            }
            Awaiting::Last(last) => {
                self.total = Some(self.total_with_last(last, &page));
                self.window()
            }
            Awaiting::Unknown => self.unknown(page),
            Awaiting::WindowFirst => {
                self.first = Some(page);
                self.second()
            }
            Awaiting::WindowSecond => self.finish(Some(page)),
        }
    }

    fn fetch(&mut self, awaiting: Awaiting, page: u32) -> NewestStep<T> {
        self.awaiting = awaiting;
        NewestStep::Fetch(page)
    }

    /// The total from the `last` link and the length of that page.
    fn total_with_last(&self, last: u32, page: &Page<T>) -> u64 {
        u64::from(last.saturating_sub(1)) * u64::from(self.size) + page.items.len() as u64
    }

    /// Without a total: the server's order, one server page at a time.
    fn unknown(&mut self, page: Page<T>) -> NewestStep<T> {
        let has_next = page.items.len() >= self.size as usize;
        NewestStep::Done(NewestPage {
            items: page.items,
            page: self.page.max(1),
            pages: None,
            total: None,
            paging_unknown: true,
            has_next,
        })
    }

    /// The window of the current total: its first page, kept or fetched.
    fn window(&mut self) -> NewestStep<T> {
        self.attempt += 1;
        let window = NewestFirst::window(self.total.unwrap_or(0), self.page, self.size);
        self.window = Some(window);
        match self.kept.take().filter(|page| page.page == window.first) {
            Some(page) => {
                self.first = Some(page);
                self.second()
            }
            None => self.fetch(Awaiting::WindowFirst, window.first),
        }
    }

    fn second(&mut self) -> NewestStep<T> {
        match self.window.and_then(|window| window.second) {
            Some(number) => self.fetch(Awaiting::WindowSecond, number),
            None => self.finish(None),
        }
    }

    fn finish(&mut self, second: Option<Page<T>>) -> NewestStep<T> {
        let (Some(window), Some(first), Some(total)) = (self.window, self.first.take(), self.total) else {
            // Not reached: a window is only finished once it and its first page are there.
            let nothing =
                Page { items: Vec::new(), total: None, page: 1, page_size: self.size, links: Default::default() };
            return self.unknown(nothing);
        };
        let seen = first.total.or(second.as_ref().and_then(|page| page.total));
        if let Some(now) = seen.filter(|now| *now != total && self.attempt == 1) {
            self.total = Some(now);
            return self.window();
        }
        let mut items = first.items;
        if let Some(second) = second {
            items.extend(second.items);
        }
        let page = self.page.clamp(1, window.pages);
        NewestStep::Done(NewestPage {
            items: window.pick(items),
            page,
            pages: Some(window.pages),
            total: Some(total),
            paging_unknown: false,
            has_next: page < window.pages,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{PageLink, PageLinks};

    #[test]
    fn newest_first_windows() {
        // 25 items by 10: newest first is 25..16, 15..6, 5..1.
        let items: Vec<u32> = (1..=30).collect();
        let show = |total: u64, page: u32| {
            let w = NewestFirst::window(total, page, 10);
            let fetched: Vec<u32> = items
                .iter()
                .copied()
                .filter(|n| u64::from(*n) <= total)
                .skip((w.first as usize - 1) * 10)
                .take(if w.second.is_some() { 20 } else { 10 })
                .collect();
            (w.first, w.second, w.pick(fetched), w.pages)
        };
        assert_eq!(show(25, 1), (2, Some(3), (16..=25).rev().collect::<Vec<_>>(), 3));
        assert_eq!(show(25, 2), (1, Some(2), (6..=15).rev().collect::<Vec<_>>(), 3));
        assert_eq!(show(25, 3), (1, None, (1..=5).rev().collect::<Vec<_>>(), 3));
        assert_eq!(show(25, 9), show(25, 3), "past the end is the last page");
        assert_eq!(show(30, 1), (3, None, (21..=30).rev().collect::<Vec<_>>(), 3), "aligned: one page");
        assert_eq!(show(7, 1), (1, None, (1..=7).rev().collect::<Vec<_>>(), 1));
        assert_eq!(show(0, 1), (1, None, Vec::new(), 1));
        assert_eq!(NewestFirst::window(u64::MAX, u32::MAX, 1).pages, u32::MAX, "no overflow");
        assert_eq!(NewestFirst::window(u64::MAX, 1, u32::MAX).take, u32::MAX as usize);
    }

    /// A server of `total` items (1..=total, oldest first) that answers page `n` of `size`,
    /// with or without its count and links.
    fn server(total: u32, size: u32, count: bool, links: bool) -> impl Fn(u32) -> Page<u32> {
        move |n| {
            let items: Vec<u32> = (1..=total).skip(((n - 1) * size) as usize).take(size as usize).collect();
            let last = total.div_ceil(size).max(1);
            let link = |page| Some(PageLink { url: String::new(), page });
            Page {
                items,
                total: count.then_some(u64::from(total)),
                page: n,
                page_size: size,
                links: PageLinks { last: if links { link(last) } else { None }, ..Default::default() },
            }
        }
    }

    /// Runs a load against `answer`: the pages fetched and what is shown.
    fn load(page: u32, known: Option<u64>, answer: impl Fn(u32) -> Page<u32>) -> (Vec<u32>, NewestPage<u32>) {
        let mut loading = NewestFirstLoad::new(page, 10, known);
        let (mut fetched, mut reply) = (Vec::new(), None);
        loop {
            match loading.step(reply.take()) {
                NewestStep::Fetch(n) => {
                    fetched.push(n);
                    reply = Some(answer(n));
                }
                NewestStep::Done(shown) => return (fetched, shown),
            }
        }
    }

    #[test]
    fn newest_first_load_reads_the_total_from_the_count_the_last_link_or_the_last_load() {
        let (fetched, shown) = load(1, None, server(25, 10, true, true));
        assert_eq!(fetched, vec![1, 2, 3], "page 1 for the count, then the window 16..=25");
        assert_eq!(shown.items, (16..=25).rev().collect::<Vec<_>>());
        assert_eq!((shown.page, shown.pages, shown.total, shown.has_next), (1, Some(3), Some(25), true));
        let (fetched, shown) = load(3, None, server(25, 10, false, true));
        assert_eq!(fetched, vec![1, 3], "the last link, then the last page's length; page 1 kept");
        assert_eq!(shown.items, vec![5, 4, 3, 2, 1]);
        assert_eq!((shown.total, shown.has_next), (Some(25), false));
        let (fetched, shown) = load(2, Some(25), server(25, 10, true, true));
        assert_eq!(fetched, vec![1, 2], "a known total spares the first request");
        assert_eq!(shown.items, (6..=15).rev().collect::<Vec<_>>());
    }

    #[test]
    fn newest_first_load_without_paging_headers_shows_the_servers_order() {
        let (fetched, shown) = load(1, None, server(25, 10, false, false));
        assert_eq!(fetched, vec![1]);
        assert_eq!(shown.items, (1..=10).collect::<Vec<_>>());
        assert!(shown.paging_unknown && shown.has_next && shown.total.is_none());
        let (fetched, shown) = load(3, None, server(25, 10, false, false));
        assert_eq!(fetched, vec![1, 3]);
        assert_eq!((shown.items.len(), shown.page, shown.has_next), (5, 3, false));
    }

    #[test]
    fn newest_first_load_reads_a_changed_total_again_once() {
        // 25 items when page 1 answered, 26 by the time the window is fetched.
        let calls = core::cell::Cell::new(0);
        let (fetched, shown) = load(1, None, |n| {
            calls.set(calls.get() + 1);
            server(if calls.get() == 1 { 25 } else { 26 }, 10, true, true)(n)
        });
        assert_eq!(fetched, vec![1, 2, 3, 2, 3], "the window of 26 fetched again");
        assert_eq!(shown.items, (17..=26).rev().collect::<Vec<_>>());
        assert_eq!(shown.total, Some(26));
        // Changing on every request: read again once, then what came is shown.
        let calls = core::cell::Cell::new(0);
        let (fetched, _) = load(1, None, |n| {
            calls.set(calls.get() + 1);
            server(24 + calls.get(), 10, true, true)(n)
        });
        assert_eq!(fetched.len(), 5);
    }
}
