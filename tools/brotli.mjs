// node tools/brotli.mjs FILE... : each file's size in bytes of brotli (quality 11, as the
// budgets measure), one `<bytes> <file>` line per file.
import { readFileSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";

for (const file of process.argv.slice(2)) {
  const bytes = readFileSync(file);
  const packed = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  console.log(`${packed.length} ${file}`);
}
