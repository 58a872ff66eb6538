// The packages' .d.ts are exact: a strict consumer of every export type-checks, and wrong
// field names in a second file are rejected (TypeScript 5, tsc --noEmit --strict).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const tsc = fileURLToPath(new URL("../../tools/node_modules/typescript/bin/tsc", import.meta.url));

/** Runs tsc on one of the projects in tests/npm/types/ (both extend tsconfig.json: strict, noEmit). */
function typecheck(name) {
  const project = fileURLToPath(new URL(`./types/tsconfig.${name}.json`, import.meta.url));
  return spawnSync(process.execPath, [tsc, "-p", project], { encoding: "utf8" });
}

test("a strict consumer of every export type-checks", () => {
  const run = typecheck("consumer");
  assert.equal(run.status, 0, run.stdout + run.stderr);
});

test("wrong field names are rejected", () => {
  const run = typecheck("wrong");
  assert.notEqual(run.status, 0, "tsc must fail");
  assert.match(run.stdout, /wrong\.ts\(6,\d+\): error TS2561: .*'pagesize' does not exist in type 'ListQuery'/);
  assert.match(run.stdout, /wrong\.ts\(9,\d+\): error TS2551: Property 'src_resource_nam' does not exist on type 'MigrationDetails'/);
  assert.match(run.stdout, /wrong\.ts\(11,\d+\): error TS2741: Property 'dst_plan' is missing .* 'MigrationCreateRequest'/);
  assert.equal(run.stdout.match(/error TS/g).length, 3, "exactly these three");
});

test("no declaration of any package says `any`", () => {
  const pkg = fileURLToPath(new URL("../../pkg/", import.meta.url));
  for (const name of readdirSync(pkg).filter((n) => n.startsWith("waldur-migrations"))) {
    for (const file of readdirSync(join(pkg, name)).filter((f) => f.endsWith(".d.ts"))) {
      const code = readFileSync(join(pkg, name, file), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
      assert.doesNotMatch(code, /\bany\b/, `${name}/${file}`);
    }
  }
});
