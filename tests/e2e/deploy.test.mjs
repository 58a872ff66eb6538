// Deployments: the page on the same origin as Waldur (served here by the fake server), and the
// page calling a Waldur on another origin, as allowed by its connect-src (the e2e build lists
// the three other fake servers). The connect screen tells apart what stops a connection.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  SERVER, CROSS, NO_CORS, NO_EXPOSE, launch, openPage, assertQuiet, assertAccessible, shot, newUser, connect,
} from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const POLICY_TAIL = "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'";

test("the page is served under the strict policy, and carries it in a meta tag", async () => {
  const response = await fetch(`${SERVER}/`);
  const connect = `connect-src 'self' ${[CROSS, NO_CORS, NO_EXPOSE].join(" ")}`;
  assert.equal(
    response.headers.get("content-security-policy"),
    `default-src 'self'; ${connect}; ${POLICY_TAIL}; frame-ancestors 'none'`,
  );
  const html = await response.text();
  // (Trunk minifies the page: attributes in any order, quotes only where needed.)
  const meta = html.match(/<meta[^>]*http-equiv="?Content-Security-Policy"?[^>]*>/)?.[0];
  assert.ok(meta, "a meta tag any static host serves");
  assert.equal(meta.match(/content="([^"]*)"/)?.[1], `default-src 'self'; ${connect}; ${POLICY_TAIL}`);
  assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/, "no inline script");
  assert.doesNotMatch(html, /<style|\sstyle=/, "no inline style");
});

test("a Waldur on another origin that allows this page", async () => {
  const user = await newUser(12, { server: CROSS });
  const page = await openPage(browser);
  await connect(page, user.token, { api: CROSS });
  const table = page.getByRole("table", { name: "Migrations" });
  await table.getByRole("row").nth(10).waitFor();
  await page.getByText("Page 1 of 2").waitFor();
  await page.getByText("Connected to").waitFor();
  assert.ok((await page.locator(".wm-connection").textContent()).includes(CROSS));
  assertQuiet(page);
});

test("what stops a connection is named: the page's policy, the server's CORS, nothing there", async () => {
  const user = await newUser(1, { server: NO_CORS });
  const page = await openPage(browser);
  await page.goto(`${SERVER}/`);
  // Not in this page's connect-src: said before anything is sent.
  const blocked = [];
  page.on("request", (request) => { if (request.url().startsWith("http://127.0.0.1:9/")) blocked.push(request.url()); });
  await page.getByLabel("API URL").fill("http://127.0.0.1:9");
  await page.getByLabel("Token", { exact: true }).fill(user.token);
  await page.getByRole("button", { name: "Connect" }).click();
  await page.getByRole("alert").filter({ hasText: "security policy does not allow connecting to http://127.0.0.1:9" }).waitFor();
  assert.deepEqual(blocked, [], "nothing sent");
  await assertAccessible(page, "connect refused by the page's policy");
  await shot(page, "14-connect-policy");
  // Allowed by the page, but the server sends no CORS headers.
  await page.getByLabel("API URL").fill(NO_CORS);
  await page.getByRole("button", { name: "Connect" }).click();
  await page.getByRole("alert").filter({ hasText: "does not allow requests from this page" }).waitFor();
  await shot(page, "15-connect-cors");
  // On the page's own origin, with a path where nothing answers as Waldur.
  await page.getByLabel("API URL").fill(`${SERVER}/nothing-here`);
  await page.getByRole("button", { name: "Connect" }).click();
  await page.getByRole("alert").filter({ hasText: "does not look like a Waldur server" }).waitFor();
  assertQuiet(page, [/CORS policy/, /Failed to load resource/]);
});

test("a server that hides the paging headers: said so, oldest first, no page count", async () => {
  const user = await newUser(12, { server: NO_EXPOSE });
  const page = await openPage(browser);
  await connect(page, user.token, { api: NO_EXPOSE });
  await page.getByRole("table", { name: "Migrations" }).getByRole("row").nth(10).waitFor();
  await page.getByRole("note").filter({ hasText: "does not expose the Link and X-Result-Count headers" }).waitFor();
  assert.equal(await page.getByText(/Page \d+ of/).count(), 0, "no invented page count");
  await page.getByText("Page 1", { exact: true }).waitFor();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByText("Page 2", { exact: true }).waitFor();
  assert.equal(await page.getByRole("table", { name: "Migrations" }).getByRole("row").count(), 3, "header + the last 2");
  assert.ok(await page.getByRole("button", { name: "Next" }).isDisabled());
  await assertAccessible(page, "list without paging headers");
  await shot(page, "16-list-paging-unknown");
  assertQuiet(page);
});

test("a token is not sent over plain HTTP to another host unless confirmed", async () => {
  const page = await openPage(browser);
  const sent = [];
  page.on("request", (request) => { if (request.url().startsWith("http://waldur.example.com")) sent.push(request.url()); });
  await page.goto(`${SERVER}/`);
  await page.getByLabel("API URL").fill("http://waldur.example.com");
  await page.getByLabel("Token", { exact: true }).fill("0123456789abcdef0123456789abcdef01234567");
  await page.getByText("Send the token over plain HTTP anyway").waitFor();
  await page.getByRole("button", { name: "Connect" }).click();
  await page.getByRole("alert").filter({ hasText: "Confirm that the token may be sent over plain HTTP" }).waitFor();
  assert.deepEqual(sent, [], "nothing sent");
  await assertAccessible(page, "plain HTTP warning");
  await shot(page, "17-connect-plain-http");
  // Loopback is this machine: no warning.
  await page.getByLabel("API URL").fill(SERVER);
  assert.equal(await page.getByText("Send the token over plain HTTP anyway").count(), 0);
  assertQuiet(page);
});
