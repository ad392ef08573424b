// Bundle sizes: each content script gzipped (target ≤ 15 KB: it is parsed on every chat page
// load), the worker and pages gzipped, and the store zip made by `wxt zip`. Runs `wxt zip`
// first, which also rebuilds OUT_DIR, so the other extension benchmarks measure current code.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXT_DIR, OUT_DIR } from './ext.mjs';
import { printTable, ROOT } from './lib.mjs';

const CONTENT_SCRIPT_TARGET = 15 * 1024;

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

export default {
  name: 'bundle',
  description: 'gzipped content scripts (target ≤ 15 KB each), worker, pages, store zip',
  async run() {
    execFileSync('npx', ['wxt', 'zip'], {
      cwd: ROOT,
      env: { ...process.env, TOKENPRINT_OUT_DIR: OUT_DIR },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const all = files(EXT_DIR);
    const rows = [];
    let ok = true;
    for (const f of all.filter((p) => p.includes('/content-scripts/') && p.endsWith('.js'))) {
      const size = gz(f);
      const pass = size <= CONTENT_SCRIPT_TARGET;
      ok &&= pass;
      rows.push({
        file: relative(EXT_DIR, f),
        raw: kb(statSync(f).size),
        gzip: kb(size),
        'vs 15 KB target': `${(size / CONTENT_SCRIPT_TARGET).toFixed(2)}×`,
        ok: pass ? 'yes' : 'MISSED',
      });
    }
    const group = (label, pred) => {
      const fs = all.filter(pred);
      rows.push({
        file: label,
        raw: kb(fs.reduce((s, f) => s + statSync(f).size, 0)),
        gzip: kb(fs.reduce((s, f) => s + gz(f), 0)),
        'vs 15 KB target': '',
        ok: '',
      });
    };
    group('background.js', (f) => f.endsWith('/background.js'));
    group(
      'pages (html, chunks, css, locales)',
      (f) => !/\/(content-scripts|tokenizer)\/|\/background\.js$/.test(f),
    );
    group('tokenizer tables', (f) => f.includes('/tokenizer/'));
    group('whole folder', () => true);
    const zip = readdirSync(join(ROOT, OUT_DIR)).find((f) => f.endsWith('-chrome.zip'));
    if (zip) {
      const size = statSync(join(ROOT, OUT_DIR, zip)).size;
      rows.push({
        file: `store zip (${zip})`,
        raw: '',
        gzip: kb(size),
        'vs 15 KB target': '',
        ok: '',
      });
    }
    printTable('Bundle (gzip -9; the zip is `wxt zip` output)', rows);
    return { ok };
  },
};
