// node tools/size-report.mjs OUT.md DIR... : raw, gzip and brotli sizes of each npm package's
// wasm and JS glue (what a page downloads), printed and written to OUT.md.
import { readFileSync, readdirSync, writeFileSync, statSync } from "node:fs";
import { join, basename } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const [out, ...dirs] = process.argv.slice(2);
const kb = (n) => `${(n / 1000).toFixed(1)} kB`;

export function measure(files) {
  let raw = 0, gzip = 0, brotli = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { raw, gzip, brotli };
}

const rows = [];
for (const dir of dirs) {
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(wasm|js|mjs)$/.test(name)) files.push(path);
    }
  };
  walk(dir);
  const size = measure(files);
  rows.push(`| ${basename(dir)} | ${kb(size.raw)} | ${kb(size.gzip)} | ${kb(size.brotli)} |`);
}
const table = ["| package (wasm + JS glue) | raw | gzip | brotli |", "|---|---|---|---|", ...rows].join("\n");
console.log(table);
if (out) writeFileSync(out, table + "\n");
