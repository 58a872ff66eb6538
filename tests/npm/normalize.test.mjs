// The client package's normalisation of answers: what the engine rewrites alone (read.js,
// `normalizeFast`: hyphenated uuids, `+00:00` dates, state names) must be exactly what the wasm
// writes. Each spelling is served twice by a local server, as it is and with a trailing space:
// the space is trimmed by the wasm's readers (uuids, dates, states) but keeps the fast path
// away, so the second answer is the wasm's own reading of the first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { WaldurMigrationsClient } = require("../../pkg/waldur-migrations-node/waldur_migrations.js");

const UUID = "0f8fad5bd9cb469fa16570867728950e";
const item = (over) => ({
  uuid: UUID,
  created: "2025-06-12T01:55:27.990459Z",
  modified: "2025-06-12T01:55:27.990459Z",
  mappings: { volume_types: [{ src_type_uuid: UUID, dst_type_uuid: UUID }], subnets: [], networks: [UUID] },
  created_by_uuid: UUID, created_by_full_name: "Alice", src_offering_uuid: UUID, src_offering_name: "A",
  dst_offering_uuid: UUID, dst_offering_name: "B", src_resource_uuid: UUID, src_resource_name: "C",
  dst_resource_uuid: UUID, dst_resource_name: "D", dst_resource_state: "OK", state: "OK",
  error_message: "", error_traceback: "",
  ...over,
});

/** Serves `GET /api/openstack-migrations/?page=N` as a one-item page of `pages[N - 1]`. */
async function serve(pages) {
  const server = createServer((request, response) => {
    const at = Number(new URL(request.url, "http://x").searchParams.get("page")) - 1;
    const body = JSON.stringify([pages[at]]);
    response.writeHead(200, { "Content-Type": "application/json", "X-Result-Count": "1" });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, api: new WaldurMigrationsClient({ baseUrl: `http://127.0.0.1:${server.address().port}` }) };
}

/** The page item, or the error kind. */
async function read(api, at) {
  try {
    return (await api.list({ page: at + 1, page_size: 1 })).items[0];
  } catch (error) {
    return { rejected: error.kind };
  }
}

/** Deterministic cases from a few pools (a linear congruential generator). */
function pick(pools, count, seed = 7) {
  const cases = [];
  for (let n = 0; n < count; n++) {
    cases.push(pools.map((pool) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return pool[seed % pool.length];
    }).join(""));
  }
  return cases;
}

const DATES = [
  ...pick([
    ["2025", "2024", "2000", "1900", "2100", "0000", "9999", "1970"], ["-"],
    ["01", "02", "04", "06", "09", "11", "12", "00", "13"], ["-"],
    ["01", "09", "10", "28", "29", "30", "31", "00", "32"],
    ["T", "T", "T", "t", " "], ["00", "09", "23", "24"], [":"], ["00", "59", "60"], [":"], ["00", "30", "59", "60"],
    ["", "", ".5", ".50", ".0", ".000", ".123456", ".990450", ".123456789", ".1234567891", ".9999999990", "."],
    ["Z", "Z", "+00:00", "+00:00", "z", "+01:00", "-00:00", "", "+0000"],
  ], 600),
  "2024-02-29T12:00:00+00:00", "2023-02-29T12:00:00+00:00", "2000-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
  "2025-06-12T01:55:27.990459+00:00", "2025-06-12T01:55:27.000000+00:00", "2025-06-12T01:55:27Z",
];

const UUIDS = [
  UUID, UUID.toUpperCase(), "0f8fad5b-d9cb-469f-a165-70867728950e", "0F8FAD5B-D9CB-469F-A165-70867728950E",
  "0f8fad5b-d9cb-469f-a165-70867728950", "0f8fad5bd9cb469fa16570867728950", "0f8fad5bd9cb469fa16570867728950eb",
  "{0f8fad5b-d9cb-469f-a165-70867728950e}", "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e",
  "0f8fad5b-d9cb-469f-a16570867728950e", "0f8fad5bd-9cb-469f-a165-70867728950e", "0f8fad5g-d9cb-469f-a165-70867728950e",
  "0f8fad5b-d9cb-469f-a165-70867728950E", "", "-",
];

// Known names only: an unknown one is kept as it is, space and all.
const STATES = ["OK", "ERRED", "Erred", "CREATION_SCHEDULED", "Creation Scheduled", "creation_scheduled", "CREATING", "Creating"];
const RESOURCE_STATES = ["OK", "Erred", "ERRED", "Creating", "Terminated", "terminated"];

/** The items each spelling goes into, as they are and with a trailing space. */
function pairs() {
  const out = [];
  for (const date of DATES) out.push((s) => item({ created: s, modified: s }));
  for (const uuid of UUIDS) {
    out.push((s) => item({ uuid: s, created_by_uuid: s }));
    out.push((s) => item({ mappings: { volume_types: [{ src_type_uuid: s, dst_type_uuid: UUID }], networks: [UUID, s] } }));
  }
  for (const state of STATES) out.push((s) => item({ state: s }));
  for (const state of RESOURCE_STATES) out.push((s) => item({ dst_resource_state: s }));
  const values = [...DATES, ...UUIDS.flatMap((u) => [u, u]), ...STATES, ...RESOURCE_STATES];
  return out.map((make, n) => [make(values[n]), make(`${values[n]} `), values[n]]);
}

test("what the engine rewrites alone is what the wasm writes", async () => {
  const cases = pairs();
  const { server, api } = await serve(cases.flatMap(([plain, spaced]) => [plain, spaced]));
  try {
    let rewritten = 0;
    for (let n = 0; n < cases.length; n++) {
      const [fast, slow] = [await read(api, 2 * n), await read(api, 2 * n + 1)];
      assert.deepEqual(fast, slow, `the spelling ${JSON.stringify(cases[n][2])}`);
      if (!fast.rejected && JSON.stringify(fast) !== JSON.stringify(cases[n][0])) rewritten += 1;
    }
    // Many spellings are valid and rewritten, others rejected: both paths are exercised.
    assert.ok(rewritten > 100, `${rewritten} rewritten`);
  } finally {
    api.free();
    server.close();
  }
});
