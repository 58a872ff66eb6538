// www/ (Vite + React 19 in StrictMode, built by Vite) against the fake server: a table built
// with the client package's functions and, beside it, the custom elements. StrictMode's double
// mount must not duplicate requests; the React side receives the elements' events.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, assertQuiet, assertAccessible, shot, newUser, fault, pick, SERVER } from "../e2e/support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("both halves against the fake server, events reaching React", async () => {
  const user = await newUser(12);
  const page = await openPage(browser, { width: 1400, height: 1000 });
  const listCalls = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === "/api/openstack-migrations/" && request.method() === "GET") listCalls.push(url.search);
  });
  await page.goto(`${SERVER}/`);
  await page.getByLabel("API token").fill(user.token);
  await page.getByRole("button", { name: "Open" }).click();

  // The React half: the client functions' { data, total, next } drive a plain React table.
  const reactTable = page.getByRole("table", { name: "React migrations" });
  await reactTable.getByRole("row").nth(5).waitFor();
  await page.getByText("12 migrations, page 1 of 3").waitFor();
  // The elements half.
  const elementRows = page.getByRole("table", { name: "Replications", exact: true }).getByRole("row");
  await elementRows.nth(10).waitFor();
  // StrictMode mounts twice in the same flush, so a duplicate would have been sent by now. The
  // React half reads one page; the elements, newest first, read the server's pages 1 and 2
  // (12 items: the newest ten span both).
  assert.deepEqual([...listCalls].sort(), ["?page=2&page_size=10", "?page_size=10", "?page_size=5"], "no request twice, StrictMode or not");
  await page.getByRole("button", { name: "Next page" }).click();
  await page.getByText("12 migrations, page 2 of 3").waitFor();

  // A row of the element opens the details element through React.
  await elementRows.nth(1).click();
  const firstEvent = page.getByRole("list", { name: "Events" }).getByRole("listitem").first();
  await firstEvent.waitFor();
  const selected = (await firstEvent.textContent()).replace("migration-select: ", "");
  assert.match(selected, /^[0-9a-f]{32}$/);
  await page.locator(`waldur-migration-details[uuid="${selected}"]`).getByText("Created by").waitFor();
  await shot(page, "www-1-selected");

  // Create through the form mounted by mountMigrationCreate in a StrictMode effect: one view.
  assert.equal(await page.locator(".host-mounted form").count(), 1, "no leaked view");
  const create = page.locator(".host-mounted");
  await pick(create, "Source resource", "genomics", "genomics-prod");
  await pick(create, "Destination offering", "Helsinki", "Helsinki Cloud");
  await create.getByRole("button", { name: "Create migration" }).click();
  const created = page.getByRole("list", { name: "Events" }).getByText(/^migration-created: [0-9a-f]{32}$/);
  await created.waitFor();
  const uuid = (await created.textContent()).replace("migration-created: ", "");
  await page.locator(`waldur-migration-details[uuid="${uuid}"]`).getByText("genomics-prod").first().waitFor();
  await page.getByText("13 migrations, page 2 of 3").waitFor();
  // The list element hears the create element's event and shows the new one too.
  await page.locator("waldur-migration-list").getByText("13 replications").waitFor();
  assert.equal(await page.getByRole("combobox", { name: "Source resource" }).last().inputValue(), "", "the form is ready for the next one");
  await shot(page, "www-2-created");
  assertQuiet(page);
});

test("the host switches language and theme; the elements follow without a reload", async () => {
  const user = await newUser(4);
  const page = await openPage(browser, { width: 1400, height: 1000 });
  const requests = [];
  page.on("request", (request) => { if (new URL(request.url()).pathname.startsWith("/api/")) requests.push(request.url()); });
  await page.goto(`${SERVER}/`);
  await page.getByLabel("API token").fill(user.token);
  await page.getByRole("button", { name: "Open" }).click();
  const list = page.locator("waldur-migration-list");
  await list.locator("tbody tr").nth(3).waitFor();
  // HomePort's English: migrations are replications, renamed through the catalog.
  await list.getByText("4 replications").waitFor();
  await assertAccessible(page, "host, light");
  const before = requests.length;
  const views = await page.locator(".wm-root.wm-list").count();

  await page.getByLabel("Language").selectOption("en-XA");
  await list.locator("thead th").first().filter({ hasText: /^⟦Šöûŕçé ŕéšöûŕçé/ }).waitFor();
  await list.locator(".wm-status").filter({ hasText: "⟦" }).waitFor();
  await page.locator("waldur-migration-create").or(page.locator(".host-mounted")).getByText(/^⟦/).first().waitFor();
  assert.equal(await list.locator("tbody tr").count(), 4, "the rows stay");
  await page.getByLabel("Theme").selectOption("dark");
  await page.waitForFunction(() => {
    const wrap = document.querySelector("waldur-migration-list .wm-table-wrap");
    const [r, g, b] = getComputedStyle(wrap).backgroundColor.match(/\d+/g).map(Number);
    return r + g + b < 200;
  });
  await assertAccessible(page, "host, dark, pseudo-locale");
  await shot(page, "www-3-dark-pseudo");
  assert.equal(requests.length, before, "a language or theme change repeats no request");
  assert.equal(await page.locator(".wm-root.wm-list").count(), views, "no view leaked");

  await page.getByLabel("Language").selectOption("en");
  await list.getByRole("columnheader", { name: "Source resource" }).waitFor();
  assertQuiet(page);
});

test("removing an element cleans up; adding it again works", async () => {
  const user = await newUser(3);
  const page = await openPage(browser);
  await page.goto(`${SERVER}/`);
  await page.getByLabel("API token").fill(user.token);
  await page.getByRole("button", { name: "Open" }).click();
  const rows = page.locator("waldur-migration-list table.wm-table--cards:not(.wm-table--skeleton) tbody tr");
  await rows.nth(2).waitFor();
  const left = await page.evaluate(() => {
    const element = document.querySelector("waldur-migration-list");
    window.__parked = { element, parent: element.parentNode };
    element.remove();
    return element.childElementCount;
  });
  assert.equal(left, 0, "the view is gone with the element");
  await page.evaluate(() => window.__parked.parent.prepend(window.__parked.element));
  await rows.nth(2).waitFor();
  assert.equal(await rows.count(), 3);
  assertQuiet(page);
});

test("any attribute value mounts, remounts and unmounts quietly; removal aborts what is in flight", async () => {
  const user = await newUser(3);
  const page = await openPage(browser);
  await page.goto(`${SERVER}/`);
  await page.getByLabel("API token").fill(user.token);
  await page.getByRole("button", { name: "Open" }).click();
  await page.locator("waldur-migration-list tbody tr").nth(2).waitFor();
  const values = ["", "-1", "99999999999999999999", "abc", "<b>x</b>", "A45C8927-E176-4557-81F6-3E7C7BAF9567", "x-!!", "ar",
    "javascript:alert(1)/{uuid}", "\u0000", "🦀".repeat(50)];
  const attributes = {
    "waldur-migration-list": ["src-resource", "dst-resource", "page-size", "refresh-ms", "lang", "resource-href", "staff"],
    "waldur-migration-details": ["uuid", "lang", "resource-href", "staff"],
    "waldur-migration-create": ["lang", "resource-href", "staff"],
  };
  const probe = page.locator("#probe .wm-root").first();
  for (const [tag, names] of Object.entries(attributes)) {
    for (const name of names) {
      for (const value of values) {
        // Mounted with the value, remounted by two changes in a row, then removed.
        await page.evaluate(([tag, name, value]) => {
          const element = Object.assign(document.createElement(tag), { id: "probe" });
          element.client = document.querySelector("waldur-migration-list").client;
          element.setAttribute(name, value);
          document.body.append(element);
        }, [tag, name, value]);
        await probe.waitFor({ state: "attached" });
        await page.evaluate(([name, value]) => {
          const element = document.getElementById("probe");
          element.setAttribute(name, `${value}1`);
          element.setAttribute(name, value);
        }, [name, value]);
        await probe.waitFor({ state: "attached" });
        await page.evaluate(() => document.getElementById("probe").remove());
      }
    }
  }
  // A list removed while its request waits on the server: the request is aborted, not answered
  // (the delay is within the client's 30 s timeout, which would abort it too).
  await fault(user.token, { kind: "delay", delay_ms: 20000, path: "/api/openstack-migrations/" });
  const sent = page.waitForRequest((request) => request.url().includes("src_resource_uuid=a45c8927"));
  await page.evaluate(() => {
    const element = Object.assign(document.createElement("waldur-migration-list"), { id: "probe" });
    element.client = document.querySelector("waldur-migration-list").client;
    element.setAttribute("src-resource", "a45c8927e176455781f63e7c7baf9567");
    document.body.append(element);
  });
  const request = await sent;
  const outcome = Promise.race([
    page.waitForEvent("requestfailed", { predicate: (r) => r === request }).then((r) => r.failure().errorText),
    page.waitForEvent("requestfinished", { predicate: (r) => r === request }).then(() => "answered"),
  ]);
  await page.evaluate(() => document.getElementById("probe").remove());
  assert.match(await outcome, /ABORTED/);
  // Unknown uuids are 404s the browser logs; nothing else is said.
  assertQuiet(page, [/status of 404/]);
});
