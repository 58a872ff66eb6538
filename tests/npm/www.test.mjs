// www/ (Vite + React 19 in StrictMode, built by Vite) against the fake server: a table built
// with the client package's functions and, beside it, the custom elements. StrictMode's double
// mount must not duplicate requests; the React side receives the elements' events.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, assertQuiet, shot, newUser, pick, SERVER } from "../e2e/support.mjs";

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
  const elementRows = page.getByRole("table", { name: "Migrations", exact: true }).getByRole("row");
  await elementRows.nth(10).waitFor();
  await page.waitForTimeout(500);
  assert.equal(listCalls.length, 2, `one list request per half, StrictMode or not: ${JSON.stringify(listCalls)}`);
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

  // Create through the element; React receives migration-created and shows its details.
  const create = page.locator("waldur-migration-create");
  await pick(create, "Source resource", "genomics", "genomics-prod");
  await pick(create, "Destination offering", "Helsinki", "Helsinki Cloud");
  await create.getByRole("button", { name: "Create migration" }).click();
  const created = page.getByRole("list", { name: "Events" }).getByText(/^migration-created: [0-9a-f]{32}$/);
  await created.waitFor();
  const uuid = (await created.textContent()).replace("migration-created: ", "");
  await page.locator(`waldur-migration-details[uuid="${uuid}"]`).getByText("genomics-prod").first().waitFor();
  await page.getByText("13 migrations, page 2 of 3").waitFor();
  // The list element hears the create element's event and shows the new one too.
  await page.locator("waldur-migration-list").getByText("13 migrations").waitFor();
  assert.equal(await page.getByRole("combobox", { name: "Source resource" }).last().inputValue(), "", "the form is ready for the next one");
  await shot(page, "www-2-created");
  assertQuiet(page);
});
