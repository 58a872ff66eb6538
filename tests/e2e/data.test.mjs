// Real data and real users: names as long, bidirectional and empty as real ones get, staff
// who see who created what, every text in the user's language (checked with the en-XA
// pseudo-locale, where every catalog text is bracketed), and a right-to-left locale.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, assertQuiet, assertAccessible, shot, newUser, connect } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Right edge of every header cell, and how far the table scrolls sideways. */
async function layout(page) {
  return page.evaluate(() => {
    const wrap = document.querySelector(".wm-table-wrap");
    const heads = [...document.querySelectorAll(".wm-table thead th")];
    return {
      scroll: wrap.scrollWidth - wrap.clientWidth,
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      rightmost: Math.max(...heads.map((th) => th.getBoundingClientRect().right)),
      visible: heads.every((th) => th.getBoundingClientRect().width > 40),
      width: window.innerWidth,
    };
  });
}

test("edge-case names keep every column on screen at 1280 px and the cards whole at 360 px", async () => {
  const user = await newUser(6, { edgeNames: true });
  const page = await openPage(browser, { width: 1280, height: 900 });
  await connect(page, user.token);
  const table = page.getByRole("table", { name: "Migrations" });
  await table.getByRole("row").nth(6).waitFor();
  const wide = await layout(page);
  assert.ok(wide.scroll <= 0 && wide.page <= 0, `no sideways scrolling at 1280 px: ${JSON.stringify(wide)}`);
  assert.ok(wide.visible && wide.rightmost <= wide.width, `every column on screen: ${JSON.stringify(wide)}`);
  // Names are isolated and their full text is at hand when cut.
  const names = await page.evaluate(() => [...document.querySelectorAll("tbody .wm-name")].map((n) => ({
    tag: n.tagName, bidi: getComputedStyle(n).unicodeBidi, title: n.getAttribute("title"), text: n.textContent,
  })));
  assert.ok(names.length >= 6);
  for (const name of names) {
    assert.equal(name.tag, "BDI");
    assert.equal(name.bidi, "isolate");
    assert.equal(name.title, name.text, "the full text in the title");
  }
  assert.ok(names.some((n) => n.text.length > 300), "the long name is there in full");
  const tallest = await page.evaluate(() => Math.max(...[...document.querySelectorAll("tbody tr")].map((r) => r.getBoundingClientRect().height)));
  assert.ok(tallest < 150, `a long name is cut to a few lines (tallest row ${tallest} px)`);
  assert.ok(await page.getByText("Unnamed").count() >= 1, "an empty name is said to be unnamed");
  await assertAccessible(page, "edge-case names at 1280 px");
  await shot(page, "18-names-1280");

  await page.setViewportSize({ width: 360, height: 740 });
  await page.waitForFunction(() => getComputedStyle(document.querySelector(".wm-table thead")).display === "none"
    || getComputedStyle(document.querySelector(".wm-table thead")).position === "absolute");
  const narrow = await layout(page);
  assert.ok(narrow.page <= 0 && narrow.scroll <= 0, `no sideways scrolling at 360 px: ${JSON.stringify(narrow)}`);
  const cards = await page.evaluate(() => [...document.querySelectorAll("tbody tr")].every((row) => {
    const box = row.getBoundingClientRect();
    return box.left >= 0 && box.right <= window.innerWidth;
  }));
  assert.ok(cards, "every card within the screen");
  // Each card cell is labelled by its column (the labels follow the column headers).
  const labels = await page.evaluate(() => {
    const heads = [...document.querySelectorAll(".wm-table thead th")].map((th) => JSON.stringify(th.textContent));
    const cells = [...document.querySelectorAll(".wm-table tbody tr:first-child td")];
    return { heads, shown: cells.map((td) => getComputedStyle(td, "::before").content) };
  });
  assert.deepEqual(labels.shown, labels.heads, "card labels");
  await assertAccessible(page, "edge-case names at 360 px");
  await shot(page, "19-names-360");
  assertQuiet(page);
});

test("staff see who created each migration; other users do not", async () => {
  const staff = await newUser(3, { staff: true });
  const page = await openPage(browser);
  await connect(page, staff.token);
  const table = page.getByRole("table", { name: "Migrations" });
  await table.getByRole("columnheader", { name: "Created by" }).waitFor();
  await table.getByRole("row").nth(3).waitFor();
  const user = await newUser(3);
  await page.getByRole("button", { name: "Disconnect" }).click();
  await connect(page, user.token);
  await table.getByRole("row").nth(3).waitFor();
  assert.equal(await table.getByRole("columnheader", { name: "Created by" }).count(), 0);
  assertQuiet(page);
});

/**
 * Texts on screen that did not come through the catalog: every text node with a letter, every
 * aria-label and placeholder, outside what is data (names in <bdi>, dates in <time>, ids in
 * .wm-mono, what the user typed).
 */
async function untranslated(page) {
  return page.evaluate(() => {
    const DATA = "bdi, time, .wm-mono, code, pre, input, textarea";
    const bracketed = (text) => /^\s*⟦[\s\S]*⟧\s*$/.test(text);
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!/\p{L}/u.test(node.data) || element.closest(DATA) || element.closest("[hidden], script, style")) continue;
      if (element.closest("option") && element.closest("select:not(#wm-page-size)")?.dataset.wmData !== undefined) continue;
      if (!bracketed(node.data)) found.push(`text: ${node.data.trim()} (in ${element.tagName.toLowerCase()}.${element.className})`);
    }
    for (const element of document.querySelectorAll("[aria-label], [placeholder]")) {
      if (element.closest(DATA.replace(", input, textarea", ""))) continue;
      for (const name of ["aria-label", "placeholder"]) {
        const value = element.getAttribute(name);
        if (value && /\p{L}/u.test(value) && !value.includes("⟦")) found.push(`${name}: ${value}`);
      }
    }
    if (!bracketed(document.title)) found.push(`title: ${document.title}`);
    return found;
  });
}

test("every text goes through the catalog (en-XA pseudo-locale)", async () => {
  const user = await newUser(4);
  const page = await openPage(browser, { locale: "en-XA" });
  await page.goto(`${process.env.FAKE_WALDUR_URL}/`);
  await page.locator("h1", { hasText: "⟦" }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en-XA");
  assert.deepEqual(await untranslated(page), [], "connect screen");
  await page.locator("#wm-token").fill(user.token);
  await page.locator("button[type=submit]").click();
  await page.locator("tbody tr").nth(3).waitFor();
  await page.waitForFunction(() => document.querySelector(".wm-status")?.textContent.includes("⟦"));
  assert.deepEqual(await untranslated(page), [], "list");
  await shot(page, "20-list-pseudo");
  await page.locator("tbody tr").first().click();
  await page.locator(".wm-details-grid").waitFor();
  await page.locator(".wm-details-grid .wm-badge").first().waitFor();
  assert.deepEqual(await untranslated(page), [], "details");
  await page.locator(".wm-back a").click();
  await page.locator("tbody tr").first().waitFor();
  await page.locator(".wm-screen-head button").click();
  await page.locator("form").waitFor();
  await page.locator("form button[type=submit]").click();
  await page.locator(".wm-field-error").first().waitFor();
  assert.deepEqual(await untranslated(page), [], "new migration with errors");
  await shot(page, "21-new-pseudo");
  // The longer texts hold at 360 px too.
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await page.setViewportSize({ width: 360, height: 740 });
  assert.ok((await overflow()) <= 0, "the form at 360 px");
  await page.goBack();
  await page.locator("tbody tr").nth(3).waitFor();
  assert.ok((await overflow()) <= 0, "the list at 360 px");
  await shot(page, "21-list-pseudo-360");
  assertQuiet(page);
});

test("a right-to-left locale lays the page out right to left", async () => {
  const user = await newUser(6, { edgeNames: true });
  const page = await openPage(browser, { locale: "he-IL", width: 1280 });
  await connect(page, user.token);
  await page.locator("tbody tr").nth(5).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dir), "rtl");
  const [first, last] = await page.evaluate(() => {
    const heads = [...document.querySelectorAll(".wm-table thead th")];
    return [heads[0].getBoundingClientRect().left, heads.at(-1).getBoundingClientRect().left];
  });
  assert.ok(first > last, "the first column is on the right");
  const wide = await layout(page);
  assert.ok(wide.scroll <= 0 && wide.page <= 0, `no sideways scrolling: ${JSON.stringify(wide)}`);
  await assertAccessible(page, "right to left");
  await shot(page, "22-list-rtl");
  assertQuiet(page);
});
