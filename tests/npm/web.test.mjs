// The web packages (`--target web`: native ES modules, set up by their `init`) as a page of
// another origin loads them: the glue as `cargo xtask npm` leaves it (its snippets in place of
// their imports, minified), served as plain files from pkg/, against the fake server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, openPage, assertQuiet, newUser, SERVER } from "../e2e/support.mjs";

const PKG = fileURLToPath(new URL("../../pkg/", import.meta.url));
const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css" };
const HOME = '<!doctype html><html lang="en"><head><link rel="icon" href="data:,"><title>web packages</title></head><body></body></html>';

let browser;
let files;
let origin;

before(async () => {
  browser = await launch();
  files = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://files").pathname);
    if (path === "/") {
      response.writeHead(200, { "Content-Type": "text/html" }).end(HOME);
      return;
    }
    const file = normalize(join(PKG, path));
    try {
      if (!file.startsWith(PKG)) throw new Error("outside pkg/");
      const body = await readFile(file);
      response.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => files.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${files.address().port}`;
});

after(async () => {
  await browser?.close();
  files?.close();
});

test("the client's web package lists migrations once initialised", async () => {
  const user = await newUser(7);
  const page = await openPage(browser);
  await page.goto(`${origin}/`);
  const listed = await page.evaluate(async ([api, token]) => {
    const client = await import("/waldur-migrations-web/waldur_migrations.js");
    await client.default();
    client.setConfig({ baseUrl: api, auth: `Token ${token}` });
    const { data, total, next } = await client.openstackMigrationsList({ query: { page_size: 5 } });
    return { uuids: data.map((migration) => migration.uuid), total, next };
  }, [SERVER, user.token]);
  assert.equal(listed.uuids.length, 5);
  assert.ok(listed.uuids.every((uuid) => /^[0-9a-f]{32}$/.test(uuid)), "uuids as the API writes them");
  assert.equal(listed.total, 7);
  assert.equal(listed.next, 2);
  assertQuiet(page);
});

test("the elements' web package defines the elements, and a list shows every migration", async () => {
  const user = await newUser(3);
  const page = await openPage(browser);
  await page.goto(`${origin}/`);
  await page.evaluate(async ([api, token]) => {
    const elements = await import("/waldur-migrations-elements-web/waldur_migrations.js");
    await elements.default();
    elements.setConfig({ baseUrl: api, auth: `Token ${token}` });
    document.body.append(document.createElement("waldur-migration-list"));
  }, [SERVER, user.token]);
  const rows = page.locator("waldur-migration-list tr.wm-row");
  await rows.nth(2).waitFor();
  assert.equal(await rows.count(), 3);
  assert.ok(await page.evaluate(() => customElements.get("waldur-migration-details") !== undefined));
  assertQuiet(page);
});
