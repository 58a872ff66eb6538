// The client package (its Node build) against the fake server: every function, paging values,
// each error kind, retries, normalisation of older servers, the client class, listAll, the
// lookups and the validation exports.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const client = require("../../pkg/waldur-migrations-node/waldur_migrations.js");
const {
  setConfig, openstackMigrationsList, openstackMigrationsCount, openstackMigrationsRetrieve, openstackMigrationsCreate,
  openstackMigrationsUpdate, openstackMigrationsPartialUpdate, openstackMigrationsDestroy, WaldurMigrationsClient,
  isWaldurMigrationsError, validateCreate, validateUpdate, validatePartialUpdate, checkSubnetCidr,
} = client;

const SERVER = (process.env.FAKE_WALDUR_URL ?? "http://127.0.0.1:8000").replace(/\/$/, "");

async function control(method, path, body) {
  const response = await fetch(`${SERVER}${path}`, { method, headers: { "Content-Type": "application/json" }, body: body && JSON.stringify(body) });
  assert.ok(response.ok, `${path}: ${response.status}`);
  return response.status === 204 ? null : response.json();
}
const newUser = async (items = 0) => (await control("POST", "/__fake/users", { items })).token;
const fault = (token, spec) => control("POST", "/__fake/faults", { ...spec, token });

/** A token-configured client class and the functions configured for the same user. */
async function as(items = 0) {
  const token = await newUser(items);
  setConfig({ baseUrl: SERVER, auth: `Token ${token}`, retry: { baseDelayMs: 20 } });
  return { token, api: new WaldurMigrationsClient({ baseUrl: `${SERVER}/`, auth: () => Promise.resolve(`Token ${token}`) }) };
}

async function world(api) {
  const [sources, offerings] = await Promise.all([api.sourceResources({ page_size: 300 }), api.destinationOfferings({ page_size: 300 })]);
  const tallinn = offerings.items.find((o) => o.name.startsWith("Tallinn"));
  const source = (name) => sources.items.find((s) => s.name === name);
  return { source, tallinn, plan: (name) => tallinn.plans.find((p) => p.name === name).uuid };
}

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("expected a rejection");
}

test("list pages through the Link header values and count is HEAD", async () => {
  await as(25);
  const first = await openstackMigrationsList({ query: { page_size: 10 } });
  assert.equal(first.data.length, 10);
  assert.deepEqual([first.total, first.page, first.pageSize, first.pages, first.next, first.previous], [25, 1, 10, 3, 2, null]);
  assert.equal(first.links.first.page, 1);
  assert.match(first.links.last.url, /page=3&page_size=10$/);
  const last = await openstackMigrationsList({ query: { page: first.pages, page_size: 10 } });
  assert.deepEqual([last.data.length, last.next, last.previous], [5, null, 2]);
  assert.deepEqual(await openstackMigrationsCount(), { data: 25 });
  const item = first.data[0];
  assert.match(item.uuid, /^[0-9a-f]{32}$/);
  assert.ok(["OK", "ERRED", "CREATING", "CREATION_SCHEDULED"].includes(item.state));
});

test("create resolves the full 201 body; retrieve, update, partial update, destroy", async () => {
  const { api } = await as(0);
  const w = await world(api);
  const created = await openstackMigrationsCreate({
    body: { src_resource: w.source("genomics-prod").uuid, dst_offering: w.tallinn.uuid, dst_plan: w.plan("Medium"), name: "from-node" },
  });
  assert.equal(created.shape, "full");
  assert.equal(created.data.state, "CREATION_SCHEDULED");
  assert.equal(created.data.dst_resource_name, "from-node");
  const uuid = created.data.uuid;
  assert.equal((await openstackMigrationsRetrieve({ path: { uuid } })).data.uuid, uuid);
  const updated = await openstackMigrationsUpdate({
    path: { uuid },
    body: { mappings: { subnets: [{ src_cidr: "10.0.0.0/24", dst_cidr: "10.5.5.0/24" }] } },
  });
  assert.deepEqual(updated.data.mappings.subnets, [{ src_cidr: "10.0.0.0/24", dst_cidr: "10.5.5.0/24" }]);
  const patched = await openstackMigrationsPartialUpdate({ path: { uuid }, body: { error_message: "noted" } });
  assert.equal(patched.data.error_message, "noted");
  assert.deepEqual(await openstackMigrationsDestroy({ path: { uuid } }), { data: undefined });
  const gone = await rejection(openstackMigrationsRetrieve({ path: { uuid } }));
  assert.ok(gone instanceof Error && isWaldurMigrationsError(gone));
  assert.equal(gone.name, "WaldurMigrationsError");
  assert.deepEqual([gone.kind, gone.status], ["http", 404]);
  assert.deepEqual(gone.fields, { detail: ["No Migration matches the given query."] });
  assert.deepEqual(gone.body, { detail: "No Migration matches the given query." });
});

test("the documented short 201 body: the functions say so, the class fetches the migration", async () => {
  const { token, api } = await as(0);
  const w = await world(api);
  await control("POST", "/__fake/wire", { token, short_create: true });
  const body = (name) => ({ src_resource: w.source("genomics-prod").uuid, dst_offering: w.tallinn.uuid, dst_plan: w.plan("Medium"), name });
  const short = await openstackMigrationsCreate({ body: body("short-functions") });
  assert.equal(short.shape, "documented");
  assert.equal(short.data.src_resource, w.source("genomics-prod").uuid, "the short body names the source, not the migration");
  const full = await api.create(body("short-class"));
  assert.equal(full.dst_resource_name, "short-class", "the class resolves the full migration, the newest of its source");
  assert.equal(full.state, "CREATION_SCHEDULED");
  assert.match(full.uuid, /^[0-9a-f]{32}$/);
});

test("400 with nested per-item field errors, by path", async () => {
  const { token, api } = await as(0);
  const w = await world(api);
  // Past the client-side checks (which would have caught these), the server's own answer.
  const body = { mappings: { volume_types: [{}, { src_type_uuid: ["Must be a valid UUID."] }] } };
  await fault(token, { kind: "status", status: 400, method: "POST", body });
  const error = await rejection(
    openstackMigrationsCreate({ body: { src_resource: w.source("genomics-prod").uuid, dst_offering: w.tallinn.uuid, dst_plan: w.plan("Medium") } }),
  );
  assert.deepEqual([error.kind, error.status, error.retryable], ["http", 400, false]);
  assert.deepEqual(error.fields, { "mappings.volume_types[1].src_type_uuid": ["Must be a valid UUID."] });
  assert.deepEqual(error.body, body);
  // Rules only the server knows.
  const limited = await rejection(
    openstackMigrationsCreate({ body: { src_resource: w.source("genomics-prod").uuid, dst_offering: w.tallinn.uuid, dst_plan: w.plan("Pilot") } }),
  );
  assert.deepEqual(limited.fields, { plan: ["Plan is not available because limit has been reached."] });
});

test("invalid input is refused before sending, with the server's texts", async () => {
  await as(0);
  const error = await rejection(openstackMigrationsCreate({ body: { src_resource: "", dst_offering: "x", dst_plan: "a45c8927e176455781f63e7c7baf9567", mappings: { subnets: [{ src_cidr: "10.0.0.0/24", dst_cidr: "8.8.8.0/24" }] } } }));
  assert.equal(error.kind, "invalid_input");
  assert.equal(error.status, null);
  assert.deepEqual(error.fields["src_resource"], ["This field is required."]);
  assert.deepEqual(error.fields["dst_offering"], ["Object with uuid=x does not exist."]);
  assert.deepEqual(error.fields["mappings.subnets[0].dst_cidr"], ["A private network CIDR is expected."]);
  const wrongType = await rejection(openstackMigrationsList({ query: { page_size: "many" } }));
  assert.equal(wrongType.kind, "invalid_input");
  assert.deepEqual(Object.keys(validateCreate({ src_resource: "", dst_offering: "", dst_plan: "" })), ["src_resource", "dst_offering", "dst_plan"]);
  assert.deepEqual(validateUpdate({}), { mappings: ["This field is required."] });
  assert.deepEqual(validatePartialUpdate({ error_message: "x" }), {});
  assert.equal(checkSubnetCidr("10.0.0.0/16"), "Network mask length should be equal to 24.");
  assert.equal(checkSubnetCidr("192.168.1.0/24"), undefined);
});

test("401 and the Bearer scheme", async () => {
  const { token } = await as(2);
  const error = await rejection(openstackMigrationsList({ auth: "Token 0000000000000000000000000000000000000000" }));
  assert.deepEqual([error.kind, error.status, error.fields.detail], ["http", 401, ["Invalid token."]]);
  assert.ok(!error.message.includes("0000000000"), "the token is in no message");
  // Bearer is OIDC: the fake server takes one JWT for its normal user (as a Waldur with OIDC),
  // and refuses an API token under that keyword as the real server does.
  const bearer = process.env.FAKE_WALDUR_BEARER;
  assert.ok(bearer, "cargo xtask test passes the server's bearer token");
  assert.ok((await openstackMigrationsCount({ auth: `Bearer ${bearer}` })).data >= 0);
  const refused = await rejection(openstackMigrationsCount({ auth: `Bearer ${token}` }));
  assert.deepEqual([refused.kind, refused.status], ["http", 401]);
  // An auth function that throws is a misuse, not a network failure: not retried, not retryable.
  const misuse = await rejection(openstackMigrationsCount({ auth: () => { throw new Error("no session"); } }));
  assert.deepEqual([misuse.kind, misuse.retryable, misuse.status], ["usage", false, null]);
  const wrongType = await rejection(openstackMigrationsCount({ auth: () => 42 }));
  assert.equal(wrongType.kind, "usage");
});

test("429 with Retry-After is retried after the delay (readable in Node); 503 too", async () => {
  const { token } = await as(3);
  await fault(token, { kind: "status", status: 429, retry_after: "1" });
  const started = Date.now();
  assert.equal((await openstackMigrationsList()).data.length, 3);
  assert.ok(Date.now() - started >= 950, "waited for Retry-After");
  await fault(token, { kind: "status", status: 503, times: 2 });
  assert.equal((await openstackMigrationsCount()).data, 3);
  await fault(token, { kind: "status", status: 503, times: 10 });
  // Three retries (backoff up to 2.1 s in all) before the 503 is the answer; the timeout only
  // bounds the test, far from what a slow machine takes.
  const error = await rejection(openstackMigrationsCount({ timeoutMs: 60000 }));
  assert.deepEqual([error.kind, error.status, error.retryable], ["http", 503, true]);
});

test("an HTML 500, a truncated body and a dropped connection", async () => {
  const { token } = await as(2);
  await fault(token, { kind: "html" });
  const html = await rejection(openstackMigrationsList());
  assert.deepEqual([html.kind, html.status], ["decode", 500]);
  assert.match(html.body, /<title>Server Error \(500\)<\/title>/);
  await fault(token, { kind: "truncate" });
  const truncated = await rejection(openstackMigrationsList());
  assert.deepEqual([truncated.kind, truncated.status], ["decode", 200]);
  await fault(token, { kind: "drop", times: 10 });
  const dropped = await rejection(openstackMigrationsList({ timeoutMs: 60000 }));
  assert.equal(dropped.kind, "network");
  await control("DELETE", `/__fake/faults?token=${token}`);
});

test("abort and timeout", async () => {
  const { token } = await as(1);
  // The answers are held far longer than the test: only the abort or the timeout ends a call.
  await fault(token, { kind: "delay", delay_ms: 60000 });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  const aborted = await rejection(openstackMigrationsList({ signal: controller.signal }));
  assert.equal(aborted.kind, "aborted");
  await fault(token, { kind: "delay", delay_ms: 60000 });
  const timedOut = await rejection(openstackMigrationsCount({ timeoutMs: 300 }));
  assert.deepEqual([timedOut.kind, timedOut.retryable], ["timeout", true]);
});

test("a finished call leaves no timer running, so Node exits when the work is done", async () => {
  await as(3);
  const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
  await openstackMigrationsCount({ timeoutMs: 600000 });
  const before = timers();
  for (let n = 0; n < 20; n++) await openstackMigrationsList({ timeoutMs: 600000 });
  // Each call's deadline was a timer; undici keeps a few of its own.
  assert.ok(timers() - before < 5, `${timers() - before} more timers after 20 calls`);
});

test("older servers are normalised: label states, null mappings, Z dates, no error fields", async () => {
  const { token, api } = await as(0);
  const w = await world(api);
  await openstackMigrationsCreate({ body: { src_resource: w.source("genomics-prod").uuid, dst_offering: w.tallinn.uuid, dst_plan: w.plan("Medium") } });
  await control("POST", "/__fake/wire", { token, legacy_states: true, null_mappings: true, z_dates: true, omit_error_fields: true });
  const [item] = (await openstackMigrationsList()).data;
  assert.equal(item.state, "CREATION_SCHEDULED");
  assert.deepEqual(item.mappings, { skip_connection_extnet: false, sync_instance_ports: false });
  assert.equal(item.error_message, "");
  assert.match(item.created, /Z$/);
});

test("the client class: listAll with progress, lookups, create, per-client auth", async () => {
  const { api } = await as(650);
  const progress = [];
  const all = await api.listAll(undefined, { onProgress: (done, total) => progress.push([done, total]) });
  assert.equal(all.items.length, 650);
  assert.equal(all.total, 650);
  assert.equal(all.pages, 3);
  assert.deepEqual(progress.at(-1), [3, 3]);
  const capped = await api.listAll({}, { maxItems: 100, pageSize: 50 });
  assert.equal(capped.items.length, 100);
  const page = await api.list({ page: 2, page_size: 300 });
  assert.deepEqual(all.items.slice(300, 600).map((m) => m.uuid), page.items.map((m) => m.uuid), "server order");
  assert.equal(await api.count(), 650);
  const w = await world(api);
  const tenant = w.source("genomics-prod").resource_uuid;
  assert.equal((await api.volumeTypesOfTenant(tenant)).items.length, 4);
  assert.equal((await api.volumeTypesOfSettings(w.tallinn.scope_uuid)).items.length, 4);
  assert.ok((await api.networks(tenant)).items.length >= 1);
  assert.ok((await api.subnets(tenant)).items.every((s) => checkSubnetCidr(s.cidr) === undefined));
  const types = await api.volumeTypes({ page_size: 300 });
  assert.deepEqual([types.items.length, types.total], [11, 11], "4 + 4 + 3 volume types in three clouds");
  const created = await api.create({ src_resource: w.source("genomics-prod").uuid, dst_offering: w.tallinn.uuid, dst_plan: w.plan("Medium") });
  assert.equal(created.state, "CREATION_SCHEDULED");
  assert.equal((await api.retrieve(created.uuid)).uuid, created.uuid);
  await api.destroy(created.uuid);
  const other = new WaldurMigrationsClient({ baseUrl: SERVER, auth: "Token 0000000000000000000000000000000000000000" });
  assert.equal((await rejection(other.count())).status, 401);
  other.free();
});
