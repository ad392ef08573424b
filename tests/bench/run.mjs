#!/usr/bin/env node
// `npm run bench [-- name…]`: runs the benchmark modules below (all, or those named) and
// prints their tables. Each module is a file in tests/bench/ exporting
// `default { name, description, run(): Promise<{ ok: boolean } | void> }`; add one by
// writing the file and listing it here. Benchmarks measure; tests (tests/unit, tests/e2e)
// never time anything.
import { pathToFileURL } from 'node:url';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

// bundle.mjs first: it rebuilds the extension the later browser benchmarks load (issue #7).
const MODULES = [
  'bundle.mjs',
  'tokenizer.mjs',
  'history.mjs',
  'compare.mjs',
  'worker.mjs',
  'pagecost.mjs',
  'pagefloor.mjs',
  'tap.mjs',
  'context.mjs',
];

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
let failed = false;
console.log(
  `Tokenprint benchmarks — Node ${process.version}, ${process.platform}/${process.arch}, ${new Date().toISOString()}`,
);
for (const file of MODULES) {
  const bench = (await import(pathToFileURL(join(here, file)).href)).default;
  if (wanted.length && !wanted.includes(bench.name)) continue;
  console.log(`\n=== ${bench.name}: ${bench.description}`);
  const t = performance.now();
  const result = await bench.run();
  console.log(`(${bench.name} took ${((performance.now() - t) / 1000).toFixed(1)} s)`);
  if (result && result.ok === false) failed = true;
}
// Missed targets are reported, and make the exit code non-zero, so CI can choose to gate.
process.exitCode = failed ? 1 : 0;
