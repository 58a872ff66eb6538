// No panic on any input, in the wasm's own paths: what the engine parsed (src/json/js.rs), the
// normalisation of answers (src/js/normalize.rs and read.js), the DRF bodies, the paging
// headers and the callers' values. tests/no_panic.rs fuzzes the same decoders natively over
// serde_json; here the Node package reads arbitrary answers from a local server and arbitrary
// JS values from its caller. A panic traps the module: a call would throw a
// `WebAssembly.RuntimeError` or leave a rejection no one handles, and the calls after it fail.
// Each case is drawn from a seeded generator, so a failure names the case that reproduces it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const {
  WaldurMigrationsClient, isWaldurMigrationsError, validateCreate, validateUpdate, validatePartialUpdate, checkSubnetCidr,
} = require("../../pkg/waldur-migrations-node/waldur_migrations.js");

const fixture = (name) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8"));
const MIGRATIONS = ["current", "erred", "legacy", "unknown"].map((name) => fixture(`migration_${name}.json`));
const SOURCES = fixture("marketplace_resources.json");
const OFFERINGS = fixture("public_offerings.json");
const UUID = "0f8fad5bd9cb469fa16570867728950e";
const VOLUME_TYPES = [{ uuid: UUID, name: "ssd", description: "fast" }];
const NETWORKS = [{ uuid: UUID, name: "net", subnets: [{ uuid: UUID, name: "sub", cidr: "10.0.0.0/24" }] }];
const SUBNETS = [{ uuid: UUID, name: "sub", cidr: "10.0.0.0/24", network_name: "net" }];

/** A small deterministic generator (mulberry32). */
function generator(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)], chance: (p) => next() < p };
}

const KEYS = [
  "uuid", "name", "state", "created", "modified", "mappings", "volume_types", "subnets", "networks", "src_type_uuid",
  "dst_type_uuid", "src_cidr", "dst_cidr", "skip_connection_extnet", "sync_instance_ports", "dst_resource_state",
  "error_message", "detail", "non_field_errors", "limits", "plans", "archived", "cidr", "0", "", "__proto__",
  "constructor", "toString", "ünï", "a".repeat(300),
];
const STRINGS = [
  "", " ", UUID, UUID.toUpperCase(), "0f8fad5b-d9cb-469f-a165-70867728950e", "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e",
  "{0f8fad5b-d9cb-469f-a165-70867728950e}", "0f8fad5b-d9cb-469f-a165-70867728950", "2025-06-13T10:11:12.123456+00:00",
  "2018-01-11T19:41:50.451396Z", "2024-02-30T00:00:00Z", "9999-12-31T23:59:60.9999999999-23:59", "0000-00-00T00:00:00",
  "OK", "ERRED", "Erred", "Creation Scheduled", "CREATION_SCHEDULED", "Terminated", "10.0.0.0/24", "300.1.1.1/33",
  "1e309", "-0", "NaN", "\u0000", "\ud800", "\uffff", "🦀".repeat(40), "ä", "<html>", "x".repeat(5000), "%", "\\u0000",
];
const NUMBERS = [0, -0, 1, -1, 0.5, 1e21, -1e21, 2 ** 53 + 2, 1.7976931348623157e308, 5e-324, 4294967296, 300, 24];

/** An arbitrary JSON value, its keys and leaves drawn mostly from what the models read. */
function json(g, depth = 0) {
  const roll = g.int(depth > 3 ? 4 : 7);
  if (roll === 0) return null;
  if (roll === 1) return g.chance(0.5);
  if (roll === 2) return g.pick(NUMBERS);
  if (roll === 3) return g.pick(STRINGS);
  if (roll === 4 || roll === 5) return Array.from({ length: g.int(5) }, () => json(g, depth + 1));
  const object = {};
  for (let n = g.int(6); n > 0; n--) object[g.pick(KEYS)] = json(g, depth + 1);
  return object;
}

/** `value` with a few members replaced by arbitrary ones, deleted, or retyped. */
function mutate(g, value, depth = 0) {
  if (value === null || typeof value !== "object") return g.chance(0.3) ? json(g, depth) : value;
  const copy = Array.isArray(value) ? [...value] : { ...value };
  const keys = Object.keys(copy);
  for (let n = 1 + g.int(3); n > 0 && keys.length > 0; n--) {
    const key = g.pick(keys);
    const roll = g.int(4);
    if (roll === 0) delete copy[key];
    else if (roll === 1) copy[key] = json(g, depth + 1);
    else copy[key] = mutate(g, copy[key], depth + 1);
  }
  return copy;
}

/** A body's text: mostly JSON of a (mutated) real shape, sometimes not JSON at all. */
function bodyText(g, real) {
  const roll = g.int(10);
  if (roll === 0) return g.pick(["", "null", "[", '{"a":', "<!DOCTYPE html><title>502</title>", "\u0000\u0001", "[1,2,"]);
  if (roll === 1) return JSON.stringify(json(g));
  if (roll === 2) return "[".repeat(20000) + "]".repeat(20000);
  const value = g.chance(0.8) ? mutate(g, real) : real;
  const text = JSON.stringify(value) ?? "null";
  return roll === 3 ? text.slice(0, g.int(text.length + 1)) : text;
}

const LINKS = [
  null, "", "<>", "<http://x/?page=2>; rel=\"next\"", "<http://x/?page=99999999999999999999>; rel=last", "<<;;,,>>; rel=",
  "<http://x/?page=-1&page_size=0>; rel=\"prev\", <http://x/>; rel=\"first\"", "rel=\"next\"", ";".repeat(500),
  "<http://x/?page=3>; rel=\"next\"; rel=\"last\", <", "<http://x/?page=2&page=3>; REL=NEXT",
];
const COUNTS = [null, "", "0", "1", "-1", "abc", "1e3", "99999999999999999999", " 12 ", "300", "4294967296"];
const TYPES = [null, "application/json", "text/html", "application/json; charset=utf-8", "text/plain", "ünï"];
const RETRY_AFTER = [null, "0", "1", "-5", "Wed, 21 Oct 2015 07:28:00 GMT", "abc", "99999999999"];

/** An answer to one request: its status, headers and body text. `real` is the body a real
 * server would give; `ok` the status it would give it with. */
function answer(g, real, ok) {
  const status = g.chance(0.7) ? ok : g.pick([200, 201, 204, 400, 401, 403, 404, 409, 429, 500, 502, 503]);
  const headers = {};
  const pools = { "content-type": TYPES, link: LINKS, "x-result-count": COUNTS, "retry-after": RETRY_AFTER };
  for (const [name, pool] of Object.entries(pools)) {
    const value = g.pick(pool);
    if (value !== null) headers[name] = value;
  }
  const drf = g.chance(0.5) ? fixture("error_400_nested.json") : { detail: "x" };
  const body = bodyText(g, status >= 400 ? drf : real);
  return { status, headers, body };
}

/** The operations, each with the body a real server answers with and its status. */
const OPS = [
  { name: "list", real: () => MIGRATIONS, ok: 200, call: (api, o) => api.list({ page_size: 10 }, o) },
  { name: "count", real: () => [], ok: 200, call: (api, o) => api.count({}, o) },
  { name: "retrieve", real: () => MIGRATIONS[0], ok: 200, call: (api, o) => api.retrieve(UUID, o) },
  {
    name: "create", real: (g) => (g.chance(0.5) ? MIGRATIONS[0] : fixture("create_201_documented.json")), ok: 201,
    call: (api, o) => api.create({ src_resource: UUID, dst_offering: UUID, dst_plan: UUID }, o),
  },
  { name: "update", real: () => MIGRATIONS[1], ok: 200, call: (api, o) => api.update(UUID, { name: "x", mappings: {} }, o) },
  { name: "partialUpdate", real: () => MIGRATIONS[2], ok: 200, call: (api, o) => api.partialUpdate(UUID, {}, o) },
  { name: "destroy", real: () => null, ok: 204, call: (api, o) => api.destroy(UUID, o) },
  { name: "listAll", real: () => MIGRATIONS, ok: 200, call: (api, o) => api.listAll({}, { ...o, maxItems: 40, pageSize: 2 }) },
  { name: "sourceResources", real: () => SOURCES, ok: 200, call: (api, o) => api.sourceResources({}, o) },
  { name: "destinationOfferings", real: () => OFFERINGS, ok: 200, call: (api, o) => api.destinationOfferings({}, o) },
  { name: "volumeTypes", real: () => VOLUME_TYPES, ok: 200, call: (api, o) => api.volumeTypesOfTenant(UUID, {}, o) },
  { name: "networks", real: () => NETWORKS, ok: 200, call: (api, o) => api.networks(UUID, {}, o) },
  { name: "subnets", real: () => SUBNETS, ok: 200, call: (api, o) => api.subnets(UUID, {}, o) },
];

/** Traps show up as errors no one handles (thrown in the executor's callbacks): each is kept,
 * and ends the call being waited for, which may never settle after it. */
const traps = [];
let onTrap = () => {};
const trapped = (reason) => {
  traps.push(reason);
  onTrap(reason);
};
process.on("unhandledRejection", trapped);
process.on("uncaughtException", trapped);

/** What a call gave: `{ value }` or `{ error }`; a throw or rejection that is not ours fails. */
async function settle(label, run) {
  const trap = new Promise((_, reject) => {
    onTrap = (reason) => reject(new Error(`${label}: the module trapped: ${reason?.stack ?? reason}`));
  });
  let value;
  try {
    value = await Promise.race([run(), trap]);
  } catch (error) {
    assert.deepEqual(traps, [], `${label}: the module trapped`);
    const ours = isWaldurMigrationsError(error) && error instanceof Error;
    assert.ok(ours, `${label}: not a WaldurMigrationsError: ${error?.stack ?? error}`);
    return { error };
  } finally {
    onTrap = () => {};
  }
  assert.deepEqual(traps, [], `${label}: the module trapped`);
  return { value };
}

const HEX32 = /^[0-9a-f]{32}$/;

test("arbitrary answers to every operation give a result or a typed error", async () => {
  let current = null;
  const server = createServer((request, response) => {
    if (current.plain) {
      response.writeHead(200, { "content-type": "application/json", "x-result-count": "4" });
      return response.end(JSON.stringify(MIGRATIONS));
    }
    // Each request of a case (listAll sends several) draws from the case's seed and its URL.
    const g = generator(current.seed ^ [...request.url].reduce((h, c) => Math.imul(h, 31) + c.charCodeAt(0), 7));
    const { status, headers, body } = answer(g, current.op.real(g), current.op.ok);
    response.writeHead(status, headers);
    response.end(request.method === "HEAD" || status === 204 ? undefined : body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  const retry = { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 2, maxTotalMs: 20 };
  const api = new WaldurMigrationsClient({ baseUrl, auth: "Token t", retry });
  const kinds = {};
  try {
    for (let seed = 1; seed <= 2600; seed++) {
      const op = OPS[seed % OPS.length];
      current = { seed, op };
      const label = `case ${seed} (${op.name})`;
      const { value, error } = await settle(label, () => op.call(api, { timeoutMs: 20000 }));
      if (error) {
        // The server always answers: any failure is its status or its body.
        assert.ok(["http", "decode"].includes(error.kind), `${label}: ${error.kind}: ${error.message}`);
        kinds[error.kind] = (kinds[error.kind] ?? 0) + 1;
        continue;
      }
      kinds.resolved = (kinds.resolved ?? 0) + 1;
      const paged = op.name === "list" || op.name === "listAll";
      const items = paged ? value.items : op.name === "retrieve" || op.name === "update" ? [value] : [];
      for (const item of items) assert.match(item.uuid, HEX32, `${label}: a uuid left as it came`);
    }
    // Each outcome happens often enough for the cases to mean something.
    for (const kind of ["resolved", "http", "decode"]) assert.ok(kinds[kind] > 200, `${JSON.stringify(kinds)}`);
    // The module still works: the real answer reads as it should.
    current = { plain: true };
    const page = await api.list({ page_size: 10 });
    assert.equal(page.items.length, MIGRATIONS.length);
    assert.deepEqual([page.total, page.items.map((item) => HEX32.test(item.uuid))], [4, [true, true, true, true]]);
  } finally {
    api.free();
    server.close();
  }
});

/** Values no JSON text gives: what a caller can hand to the exports. */
function hostile(g) {
  const throwing = Object.defineProperty({}, g.pick(KEYS), { enumerable: true, get() { throw new Error("getter"); } });
  const cyclic = { name: "x" };
  cyclic.mappings = cyclic;
  const fail = () => {
    throw new Error("proxy");
  };
  const proxy = new Proxy({}, { get: fail, ownKeys: fail, has: fail, getOwnPropertyDescriptor: fail, getPrototypeOf: fail });
  const roll = g.int(12);
  if (roll === 0) return throwing;
  if (roll === 1) return cyclic;
  if (roll === 2) return proxy;
  if (roll === 3) return g.pick([undefined, Symbol("s"), 10n, () => 1, NaN, Infinity, new Date(), /x/, new Map(), [, , 1]]);
  if (roll === 4) return Object.create(null);
  if (roll === 5) {
    const mappings = {
      subnets: [{ src_cidr: "10.0.0.0/24", dst_cidr: "10.1.0.0/24" }],
      volume_types: [{ src_type_uuid: UUID, dst_type_uuid: UUID }],
      networks: [UUID],
    };
    return { src_resource: UUID, dst_offering: UUID, dst_plan: UUID, mappings: mutate(g, mappings) };
  }
  return mutate(g, json(g));
}

test("arbitrary caller values give a result or a typed error", async () => {
  // A server that answers every request at once (a closed port could be anyone's on another
  // machine): 404, as for an unknown migration.
  const server = createServer((request, response) => {
    response.writeHead(404, { "content-type": "application/json" });
    response.end('{"detail":"Not found."}');
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  const api = new WaldurMigrationsClient({ baseUrl, auth: "Token t", retry: { maxRetries: 0 } });
  const seen = {};
  const tally = ({ error }) => (seen[error ? error.kind : "value"] = (seen[error?.kind ?? "value"] ?? 0) + 1);
  try {
    for (let seed = 1; seed <= 1500; seed++) {
      const g = generator(seed);
      const value = hostile(g);
      const label = `case ${seed}`;
      for (const validate of [validateCreate, validateUpdate, validatePartialUpdate, checkSubnetCidr]) {
        tally(await settle(`${label} (${validate.name})`, () => validate(value)));
      }
      // Calls whose input does not read reject before anything is sent; those that do read
      // get the server's 404: either way a typed error, never a trap.
      const other = hostile(g);
      tally(await settle(`${label} (list)`, () => api.list(value, other)));
      tally(await settle(`${label} (create)`, () => api.create(value, other)));
      tally(await settle(`${label} (partialUpdate)`, () => api.partialUpdate(g.pick([UUID, value]), value, other)));
      await settle(`${label} (constructor)`, () => new WaldurMigrationsClient(value).free());
    }
    // Values that read and values that do not both came through (the validations answer with
    // their messages), and nothing failed anywhere but in the input or at the server.
    assert.deepEqual(Object.keys(seen).sort(), ["http", "invalid_input", "value"], JSON.stringify(seen));
    assert.ok(seen.http > 100 && seen.invalid_input > 100, JSON.stringify(seen));
  } finally {
    api.free();
    server.close();
  }
});
