// End-to-end: the built standalone page (trunk build --release) served by the fake server with
// --static, driven in Debian's Chromium. Every screen is screenshotted and checked by axe-core;
// no console error and no CSP violation may be logged.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  SERVER, launch, openPage, assertQuiet, assertAccessible, shot, newUser, fault, clearFaults, connect, pick,
} from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("connect: bad token, unreachable server, then the list", async () => {
  const user = await newUser(3);
  const page = await openPage(browser);
  await page.goto(`${SERVER}/`);
  await page.getByRole("heading", { name: "Connect to Waldur" }).waitFor();
  assert.equal(await page.getByLabel("API URL").inputValue(), SERVER, "defaults to the page's origin");
  await assertAccessible(page, "connect");
  await shot(page, "01-connect");

  await page.getByLabel("Token", { exact: true }).fill("0000000000000000000000000000000000000000");
  await page.getByRole("button", { name: "Connect" }).click();
  await page.getByRole("alert").filter({ hasText: "The server did not accept this token." }).waitFor();
  await shot(page, "02-connect-bad-token");

  // A server that drops every connection reads as unreachable.
  await fault(user.token, { kind: "drop", times: 20 });
  await page.getByLabel("Token", { exact: true }).fill(user.token);
  await page.getByRole("button", { name: "Connect" }).click();
  await page.getByRole("alert").filter({ hasText: "Cannot reach" }).waitFor();
  await clearFaults(user.token);

  await page.getByRole("button", { name: "Connect" }).click();
  await page.getByRole("heading", { name: "Migrations", level: 1 }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length + localStorage.length), 0, "nothing stored unless asked");
  const html = await page.content();
  assert.ok(!html.includes(user.token), "the token is not in the DOM");
  assertQuiet(page, [/status of 401/, /ERR_EMPTY_RESPONSE/]);
});

test("list: page through, open details, back and forward", async () => {
  const user = await newUser(25);
  const page = await openPage(browser);
  await connect(page, user.token);
  const table = page.getByRole("table", { name: "Migrations" });
  await table.getByRole("row").nth(10).waitFor();
  assert.equal(await table.getByRole("row").count(), 11, "header + 10 rows");
  for (const name of ["Source resource", "Destination resource", "Destination offering", "Created", "State", "Destination resource state"]) {
    await table.getByRole("columnheader", { name, exact: true }).waitFor();
  }
  await assertAccessible(page, "list");
  await shot(page, "03-list");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByText("Page 2 of 3").waitFor();
  await page.getByRole("button", { name: "Last" }).click();
  await page.getByText("Page 3 of 3").waitFor();
  assert.equal(await table.getByRole("row").count(), 6);
  await shot(page, "04-list-last-page");

  // Keyboard: focus a row and press Enter.
  const row = table.getByRole("row").nth(1);
  const label = await row.getAttribute("aria-label");
  await row.focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/migrations\/[0-9a-f]{32}$/);
  await page.getByRole("heading", { name: "Migration", level: 1 }).waitFor();
  assert.ok(label.includes(" to "));
  await page.getByText("Created by").waitFor();
  await assertAccessible(page, "details");
  await shot(page, "05-details");
  const detailsUrl = page.url();
  await page.goBack();
  await page.getByRole("heading", { name: "Migrations", level: 1 }).waitFor();
  await page.goForward();
  await page.waitForURL(detailsUrl);
  await page.getByText("Created by").waitFor();
  assertQuiet(page);
});

test("create a migration, watch it reach OK, edit its mappings, delete it", async () => {
  const user = await newUser(0);
  const page = await openPage(browser);
  await connect(page, user.token, { remember: true });
  await page.getByRole("button", { name: "New migration" }).click();
  await page.getByRole("heading", { name: "New migration", level: 1 }).waitFor();
  await assertAccessible(page, "new migration (empty)");

  // Client-side errors first, placed at their fields.
  await page.getByRole("button", { name: "Create migration" }).click();
  await page.locator("#wm-create-source-messages").getByText("This field is required.").waitFor();
  await shot(page, "06-new-errors");

  await pick(page, "Source resource", "genomics", "genomics-prod");
  assert.equal(await page.getByLabel("Name", { exact: true }).inputValue(), "genomics-prod", "name defaults to the source's");
  await page.getByLabel("Name", { exact: true }).fill("genomics-to-tallinn");
  await pick(page, "Destination offering", "Tallinn", "Tallinn Cloud — OpenStack tenant | TalTech HPC Centre");
  assert.equal(await page.getByLabel("Destination plan").locator("option:checked").textContent(), "Medium", "the first usable plan");
  await page.getByRole("button", { name: "Add volume type pair" }).click();
  await page.getByLabel("Source volume type 1").selectOption({ label: "ssd — SSD-backed block storage" });
  await page.getByLabel("Destination volume type 1").selectOption({ label: "nvme — Local NVMe, fastest" });
  await page.getByRole("button", { name: "Add subnet pair" }).click();
  await page.getByLabel("Source CIDR 1").fill("10.1.0.0/24");
  await page.getByLabel("Destination CIDR 1").fill("192.168.7.5/24");
  await page.getByText("Enter a valid IPv4 address.").waitFor();
  await page.getByLabel("Destination CIDR 1").fill("192.168.7.0/24");
  await page.getByRole("group", { name: "Networks" }).getByRole("checkbox").first().check();
  await page.getByLabel("Skip connection to external network").check();
  await assertAccessible(page, "new migration (filled)");
  await shot(page, "07-new-filled");
  await page.getByRole("button", { name: "Create migration" }).click();

  await page.waitForURL(/\/migrations\/[0-9a-f]{32}$/);
  await page.getByText("genomics-to-tallinn").first().waitFor();
  await shot(page, "08-created");
  // The fake server steps every second: scheduled, creating, then OK, shown live (the limit
  // only ends a test that would never see it).
  await page.locator(".wm-details-grid .wm-badge--success").first().waitFor({ timeout: 60000 });
  await page.getByRole("table", { name: "Volume type mappings" }).getByText("nvme").waitFor();
  await shot(page, "09-created-ok");

  // A deep link works after a reload (the connection was remembered in this tab).
  await page.reload();
  await page.getByText("genomics-to-tallinn").first().waitFor();

  await page.getByRole("button", { name: "Edit mappings" }).click();
  await page.getByLabel("Destination CIDR 1").fill("192.168.8.0/24");
  await assertAccessible(page, "edit mappings");
  await shot(page, "10-edit-mappings");
  await page.getByRole("button", { name: "Save mappings" }).click();
  await page.getByRole("button", { name: "Edit mappings" }).waitFor();
  await page.getByRole("table", { name: "Subnet mappings" }).getByText("192.168.8.0/24").waitFor();

  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this migration?" });
  await dialog.waitFor();
  await assertAccessible(page, "delete dialog");
  await shot(page, "11-delete-dialog");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Delete", "focus returns to the button");
  await page.getByRole("button", { name: "Delete" }).click();
  await dialog.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("heading", { name: "Migrations", level: 1 }).waitFor();
  await page.getByText("No migrations").waitFor();
  await shot(page, "12-list-empty");
  assert.equal(await page.evaluate(() => localStorage.length), 0, "never localStorage");
  assertQuiet(page);
});

test("narrow screen and dark scheme", async () => {
  const user = await newUser(4);
  const page = await openPage(browser, { width: 360, height: 740 });
  await page.emulateMedia({ colorScheme: "dark" });
  await connect(page, user.token);
  await page.getByRole("table", { name: "Migrations" }).getByRole("row").nth(4).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling at 360 px (${overflow} px)`);
  await assertAccessible(page, "list at 360 px, dark");
  await shot(page, "13-list-360-dark");
  assertQuiet(page);
});
