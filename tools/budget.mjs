// node tools/budget.mjs KIND DIR... : fails when a build is heavier (brotli, quality 11) than
// bench/budget.toml allows. KIND is `packages` (each DIR an npm package: wasm + JS, + CSS for
// the elements) or `page` (DIR is the built page: every file but the catalogs).
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { filesUnder, measure, kB } from "./size-report.mjs";

const root = new URL("..", import.meta.url).pathname;
const [kind, ...dirs] = process.argv.slice(2);

/** `[section]` and `key = number` lines of bench/budget.toml. */
function budgets() {
  const table = {};
  let section = "";
  for (const raw of readFileSync(join(root, "bench/budget.toml"), "utf8").split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) section = header[1];
    const entry = /^"?([^"=\s]+)"?\s*=\s*(\d+)$/.exec(line);
    if (entry) table[`${section}.${entry[1]}`] = Number(entry[2]);
  }
  return table;
}

const limits = budgets();
let failed = false;
for (const dir of dirs) {
  const name = kind === "page" ? "total" : basename(dir);
  const pattern = kind === "page" ? /\.(wasm|js|css|html|svg)$/ : /\.(wasm|js|mjs|css)$/;
  const files = filesUnder(dir, pattern).filter((f) => !f.includes("/i18n/") && !f.endsWith(".d.ts"));
  const size = measure(files).brotli;
  const limit = limits[`${kind}.${name}`];
  if (limit === undefined) {
    console.log(`budget: no limit for ${kind}.${name} in bench/budget.toml`);
    failed = true;
    continue;
  }
  const verdict = size <= limit ? "ok  " : "OVER";
  console.log(`${verdict} ${kind}.${name}: ${kB(size)} brotli (budget ${kB(limit)})`);
  if (size > limit) failed = true;
}
process.exit(failed ? 1 : 0);
