// The Node half of `cargo xtask bench`: serves the bench site, drives Debian's Chromium, runs
// every measure next to its baseline in the same run, prints one table and writes it to
// bench/results.md. No assertions: the table says whether each goal is met.
import { createServer } from "node:http";
import { readFileSync, statSync, writeFileSync, existsSync } from "node:fs";
import { join, extname, relative } from "node:path";
import { cpus } from "node:os";
import { launch } from "../tests/e2e/support.mjs";
import { filesUnder, kB, measure } from "../tools/size-report.mjs";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run cargo xtask bench)`);
  return value;
};
const SITE = env("BENCH_SITE");
const FAST = env("API_FAST");
const SLOW = env("API_SLOW");
const TOKEN = env("BENCH_TOKEN");
const OUT = env("BENCH_OUT");
const ROOT = env("BENCH_ROOT");

// ---------- sizes ----------
const size = measure;
const sizeText = (s) => `${kB(s.raw)} / ${kB(s.gzip)} / ${kB(s.brotli)}`;

const clientSize = size(filesUnder(join(ROOT, "pkg/waldur-migrations"), /\.(wasm|js)$/));
const heyapiSize = size([join(SITE, "heyapi.js")]);
const elementsSize = size(filesUnder(join(ROOT, "pkg/waldur-migrations-elements"), /\.(wasm|js|css)$/));
const pageSize = size(filesUnder(join(ROOT, "dist"), /\.(wasm|js|css|html|svg)$/));

// ---------- the bench site ----------
const types = { ".html": "text/html", ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css" };
const server = createServer((request, response) => {
  const path = join(SITE, decodeURIComponent(new URL(request.url, "http://x").pathname).replace(/^\/$/, "/page.html"));
  if (!path.startsWith(SITE) || !existsSync(path) || statSync(path).isDirectory()) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { "Content-Type": types[extname(path)] ?? "application/octet-stream" }).end(readFileSync(path));
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const site = `http://127.0.0.1:${server.address().port}/`;

const browser = await launch({ extraArgs: ["--js-flags=--expose-gc", "--enable-precise-memory-info"] });
const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
const pageErrors = [];
page.on("pageerror", (error) => pageErrors.push(error.message));
page.on("console", (message) => message.type() === "error" && pageErrors.push(message.text()));
await page.goto(site);
await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60000 });

async function json(url) {
  const response = await fetch(url, { headers: { Authorization: `Token ${TOKEN}` } });
  return response.text();
}
const pageText = await json(`${FAST}/api/openstack-migrations/?page_size=300`);
const thousand = [];
for (let p = 1; p <= 4; p += 1) thousand.push(...JSON.parse(await json(`${FAST}/api/openstack-migrations/?page_size=300&page=${p}`)));
const rows = thousand.slice(0, 1000);
const updated = rows.map((m) => ({ ...m, state: m.state === "OK" ? "ERRED" : "OK" }));

const run = (name, args) => page.evaluate(([name, args]) => window.bench[name](args), [name, args]);
console.log("measuring: list call");
const listCall = await run("listCall", { api: FAST, token: TOKEN, count: 25 });
console.log("measuring: decode");
const decode = await run("decode", { text: pageText, count: 60 });
console.log("measuring: render");
const render = await run("render", { rowsText: JSON.stringify(rows), updatedText: JSON.stringify(updated), count: 15 });
console.log("measuring: render, split");
const split = await run("renderSplit", { rowsText: JSON.stringify(rows), count: 12 });
console.log("measuring: list all");
const listAll = await run("listAll", { api: SLOW, token: TOKEN, count: 5 });
console.log("measuring: memory");
const memory = await run("memory", { api: FAST, token: TOKEN });
const chromium = browser.version();
await browser.close();
server.close();

// ---------- statistics ----------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const spread = (xs) => `${median(xs).toFixed(2)} ms [${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}]`;
const ratios = (a, b) => a.map((x, i) => x / b[i]);
const ratioText = (rs) => `${median(rs).toFixed(2)}x [${Math.min(...rs).toFixed(2)}–${Math.max(...rs).toFixed(2)}]`;
const verdict = (ok) => (ok ? "met" : "**missed**");

const rowsOut = [];
const add = (measure, oursText, baselineText, ratio, goal, ok) => rowsOut.push({ measure, oursText, baselineText, ratio, goal, ok });

add("client package, wasm + JS glue (raw / gzip / brotli)", sizeText(clientSize), `hey-api 0.99, 7 calls, esbuild-minified: ${sizeText(heyapiSize)}`,
  `${(clientSize.brotli / heyapiSize.brotli).toFixed(1)}x brotli`, "≤ 30 kB brotli", clientSize.brotli <= 30000);
add("elements package, wasm + JS + CSS (raw / gzip / brotli)", sizeText(elementsSize), "—", "—", "≤ 90 kB brotli", elementsSize.brotli <= 90000);
add("standalone page, total transfer (raw / gzip / brotli)", sizeText(pageSize), "—", "—", "≤ 90 kB brotli", pageSize.brotli <= 90000);
const lcFetch = ratios(listCall.ours, listCall.fetch);
const lcHey = ratios(listCall.ours, listCall.heyapi);
add("list call, one 300-item page from the fake server", spread(listCall.ours), `fetch + json(): ${spread(listCall.fetch)}`, ratioText(lcFetch), "≤ 1.15x", median(lcFetch) <= 1.15);
add("", "", `hey-api list call: ${spread(listCall.heyapi)}`, ratioText(lcHey), "≤ 1.15x", median(lcHey) <= 1.15);
const dec = ratios(decode.ours, decode.json);
add("decoding 300 items into typed Rust structs", spread(decode.ours), `JSON.parse: ${spread(decode.json)}`, ratioText(dec), "≤ 2.0x", median(dec) <= 2.0);
const rr = ratios(render.render.ours, render.render.vanilla);
add("rendering the list table, 1,000 rows", spread(render.render.ours), `vanilla DOM: ${spread(render.render.vanilla)}`, ratioText(rr), "≤ 1.3x", median(rr) <= 1.3);
const ru = ratios(render.update.ours, render.update.vanilla);
add("then updating every row's state", spread(render.update.ours), `vanilla DOM: ${spread(render.update.vanilla)}`, ratioText(ru), "≤ 1.3x", median(ru) <= 1.3);
const la = ratios(listAll.ours, listAll.sequential);
add("listing all of 10,000 migrations, 5 ms latency", spread(listAll.ours), `sequential, page_size 100: ${spread(listAll.sequential)}`, ratioText(la), "≤ 0.25x", median(la) <= 0.25);
const heapGrowth = memory.after20.heap / memory.after1.heap - 1;
const wasmGrowth = memory.after20.wasm / memory.after1.wasm - 1;
const pct = (x) => `${(x * 100).toFixed(1)} %`;
add("memory after 20 mount / unmount cycles of the list", `JS heap ${kB(memory.after20.heap)}, wasm ${kB(memory.after20.wasm)}`,
  `after the 1st: JS heap ${kB(memory.after1.heap)}, wasm ${kB(memory.after1.wasm)}`, `heap ${pct(heapGrowth)}, wasm ${pct(wasmGrowth)}`,
  "growth ≤ 5 %", heapGrowth <= 0.05 && wasmGrowth <= 0.05);

const header = "| measure | ours | baseline (same run) | ratio, median [min–max] | goal | |\n|---|---|---|---|---|---|";
const table = [header, ...rowsOut.map((r) => `| ${r.measure} | ${r.oursText} | ${r.baselineText} | ${r.ratio} | ${r.goal} | ${verdict(r.ok)} |`)].join("\n");
const note = `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpus().length} cores, Chromium ${chromium}, headless. ` +
  `Times are medians of interleaved rounds after warm-up (list call 25, decode 60, render 15, list-all 5 rounds); ratios are computed round by round. ` +
  `Fake servers: \`--items 10000\` (and \`--latency-ms 5\` for list-all).`;
const splitTable = [
  "Where rendering 1,000 rows goes (same run, medians of 12 rounds; not a goal): building is the call that makes the DOM, layout the forced layout after it. \"Same markup\" is the component's markup (tags, classes, attributes, `Intl` texts; checked against it) built by plain JS.",
  "",
  "| table | building | layout | together |",
  "|---|---|---|---|",
  ...["ours", "same markup", "same markup, no clamp", "vanilla"].map((name) => {
    const { build, layout } = split[name];
    const together = build.map((b, i) => b + layout[i]);
    return `| ${name === "ours" ? "ours (the component)" : name === "vanilla" ? "vanilla DOM" : `${name}, plain JS`} | ${median(build).toFixed(1)} ms | ${median(layout).toFixed(1)} ms | ${median(together).toFixed(1)} ms |`;
  }),
].join("\n");
console.log(`\n${table}\n\n${note}\n\n${splitTable}`);
if (pageErrors.length) console.log(`\npage errors: ${pageErrors.join("; ")}`);
writeFileSync(OUT, `${table}\n\n${note}\n\n${splitTable}\n`);
console.log(`\nwritten to ${relative(ROOT, OUT)}`);
