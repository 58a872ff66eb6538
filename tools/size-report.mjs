// node tools/size-report.mjs OUT.md DIR... : raw, gzip and brotli sizes of each npm package's
// wasm and JS glue (what a page downloads), printed and written to OUT.md.
import { readFileSync, readdirSync, writeFileSync, statSync } from "node:fs";
import { join, basename } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

/** kB with one decimal. */
export const kB = (n) => `${(n / 1000).toFixed(1)} kB`;

/** Every file below `dir` whose name matches `pattern`. */
export function filesUnder(dir, pattern) {
  const found = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (pattern.test(name)) found.push(path);
    }
  };
  walk(dir);
  return found;
}

/** Raw, gzip (9) and brotli (11) bytes of `files` together. */
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

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [out, ...dirs] = process.argv.slice(2);
  const rows = dirs.map((dir) => {
    const size = measure(filesUnder(dir, /\.(wasm|js|mjs)$/));
    return `| ${basename(dir)} | ${kB(size.raw)} | ${kB(size.gzip)} | ${kB(size.brotli)} |`;
  });
  const table = ["| package (wasm + JS glue) | raw | gzip | brotli |", "|---|---|---|---|", ...rows].join("\n");
  console.log(table);
  if (out) writeFileSync(out, table + "\n");
}
