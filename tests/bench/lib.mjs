// Shared helpers for the benchmark modules run by tests/bench/run.mjs.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = join(ROOT, 'node_modules', '.cache', 'tokenprint-bench');

/**
 * Imports a TypeScript module of the project (e.g. 'lib/model/tokenize/index.ts') under plain
 * Node: bundled with esbuild (Vite's own TS compiler, already installed) into
 * node_modules/.cache/tokenprint-bench/, npm packages left external. Returns the module
 * and the file URL of the bundle (for child processes that measure cold starts).
 */
export async function importTs(relPath) {
  const { build } = await import('esbuild');
  mkdirSync(CACHE, { recursive: true });
  const outfile = join(CACHE, relPath.replace(/[\\/]/g, '_').replace(/\.tsx?$/, '.mjs'));
  await build({
    entryPoints: [join(ROOT, relPath)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'es2022',
    packages: 'external',
    logLevel: 'error',
  });
  const url = pathToFileURL(outfile).href;
  return { module: await import(url), url };
}

/** Milliseconds taken by one call of `fn` (awaited). */
export async function timeOnce(fn) {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs an ES module snippet in a fresh Node process (cwd = project root) and parses the
 * JSON it prints last: cold-start measurements need a process that has loaded nothing.
 */
export function runFresh(source, { exposeGc = false } = {}) {
  const args = [...(exposeGc ? ['--expose-gc'] : []), '--input-type=module', '-e', source];
  const out = execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

/** Prints rows (objects with the same keys) as an aligned text table. */
export function printTable(title, rows) {
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0]);
  const cells = [keys, ...rows.map((r) => keys.map((k) => String(r[k] ?? '')))];
  const widths = keys.map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  console.log(`\n${title}`);
  for (const [n, c] of cells.entries()) {
    console.log(
      c.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  '),
    );
    if (n === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

export const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
export const fmtRate = (bytes, ms) => `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;
