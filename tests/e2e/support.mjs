// Shared by the end-to-end tests: Debian's Chromium driven by playwright-core, the fake
// server's control endpoints, axe-core checks, screenshots, and a watch on console errors and
// Content-Security-Policy violations.
import { readFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import assert from "node:assert/strict";

const tools = new URL("../../tools/node_modules/", import.meta.url);
const { chromium } = await import(new URL("playwright-core/index.mjs", tools).href);
const axeSource = readFileSync(fileURLToPath(new URL("axe-core/axe.min.js", tools)), "utf8");

/** The fake server the suite runs against (started by `cargo xtask test`). */
export const SERVER = (process.env.FAKE_WALDUR_URL ?? "http://127.0.0.1:8000").replace(/\/$/, "");
/** Fake servers on other origins (see the e2e step of xtask): CORS as deployed, no CORS at
 * all, and CORS that does not expose the paging headers. */
export const CROSS = (process.env.FAKE_WALDUR_CROSS ?? "").replace(/\/$/, "");
export const NO_CORS = (process.env.FAKE_WALDUR_NO_CORS ?? "").replace(/\/$/, "");
export const NO_EXPOSE = (process.env.FAKE_WALDUR_NO_EXPOSE ?? "").replace(/\/$/, "");
/** Where screenshots go. */
export const SHOTS = process.env.E2E_SCREENSHOTS ?? fileURLToPath(new URL("../../target/e2e/screenshots/", import.meta.url));
mkdirSync(SHOTS, { recursive: true });

export async function launch({ extraArgs = [] } = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      ...extraArgs,
    ],
  });
}

/** A page that records console errors, page errors and CSP violations. */
export async function openPage(browser, { width = 1200, height = 900, locale = "en-US", colorScheme = "light" } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale, colorScheme });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  await context.exposeBinding("__reportCsp", (_, text) => problems.push(`CSP violation: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__reportCsp(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.problems = problems;
  return page;
}

/**
 * Fails when the page logged an error or a CSP violation. `provoked` lists what a test caused
 * on purpose: the browser's own network logs (a 401 for a bad token, a dropped connection, a
 * CORS refusal) and the violations of a request the page's policy blocks.
 */
export function assertQuiet(page, provoked = []) {
  const unexpected = page.problems.filter((problem) => !provoked.some((pattern) => pattern.test(problem)));
  assert.deepEqual(unexpected, [], "no console error or CSP violation");
}

/**
 * Runs axe-core on the page in the light and the dark scheme (contrast included) and fails on
 * any violation; the page is left in the scheme it was in.
 */
export async function assertAccessible(page, screen) {
  // Runtime.evaluate is not subject to the page's CSP, so nothing is injected into the DOM.
  await page.evaluate(axeSource);
  const dark = await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches);
  for (const scheme of dark ? ["dark", "light"] : ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    assert.deepEqual(found, [], `axe-core on ${screen} (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: dark ? "dark" : "light" });
}

/** Saves a screenshot and says where. */
export async function shot(page, name) {
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
  return path;
}

async function control(method, path, body, server = SERVER) {
  const response = await fetch(`${server}${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(response.ok, `${path}: ${response.status}`);
  return response.status === 204 ? null : response.json();
}

/**
 * A fresh user of a fake server owning `items` migrations (`staff`, or `edge_names`: named as
 * real data can be: very long, bidi controls, emoji, empty).
 */
export async function newUser(items = 0, { staff = false, edgeNames = false, server = SERVER } = {}) {
  return control("POST", "/__fake/users", { items, staff, edge_names: edgeNames }, server);
}

/** Registers a fault for a user's requests. */
export async function fault(token, spec) {
  return control("POST", "/__fake/faults", { ...spec, token });
}

/** Clears a user's faults. */
export async function clearFaults(token) {
  return control("DELETE", `/__fake/faults?token=${token}`);
}

/** Connects the page with `token` to `api` (remembering it in the tab when asked). */
export async function connect(page, token, { remember = false, api } = {}) {
  await page.goto(`${SERVER}/`);
  if (api) await page.getByLabel("API URL").fill(api);
  await page.getByLabel("Token", { exact: true }).fill(token);
  if (remember) await page.getByLabel("Remember in this tab").check();
  await page.getByRole("button", { name: "Connect" }).click();
  await page.getByRole("heading", { name: "Migrations", level: 1 }).waitFor();
}

/** Chooses the first option containing `option` in the picker labelled `label`, after typing `search`. */
export async function pick(scope, label, search, option) {
  const input = scope.getByRole("combobox", { name: label });
  await input.fill(search);
  await scope.getByRole("listbox", { name: label }).getByRole("option", { name: option }).first().click();
  const list = scope.getByRole("listbox", { name: label, includeHidden: true });
  await list.waitFor({ state: "hidden" });
}
