// What the page-cost target leaves for the work (issue #13). The pagecost benchmark's traced
// measure (thread time of every call into the content scripts and of their code between the
// calls, against the page's own script time on the same trace), run on three builds:
// - empty: every content script's main() returns at once (WXT's runtime, the isolated world
//   and the main-world injection: what any extension with these two scripts pays);
// - loaded: the whole capture code compiled and evaluated, but never started;
// - the extension itself.
// All three are built from copies of the same sources, differing only in the entrypoints'
// main(), so no stale build is compared with fresh ones.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { launchChromium, SITES } from './ext.mjs';
import { fmtMs, median, printTable, ROOT } from './lib.mjs';
import { longStreamVariant, measure } from './pagecost.mjs';

const RUNS = Number(process.env.BENCH_PAGEFLOOR_RUNS ?? 5);
const ONLY = process.env.BENCH_PAGECOST_SITES?.split(',');
const TARGET = 1.05;
const MAIN = /main\((ctx)?\) \{\n/;

/** The body each variant puts first in every content script's main(). */
const VARIANTS = {
  empty: '    return;\n',
  // A condition the bundler cannot fold, so the capture code stays in the bundle.
  loaded: "    if (document.documentElement.dataset.tokenprintBench !== 'run') return;\n",
  extension: '',
};

/** Builds a variant from a copy of the tracked sources into `src`; returns its chrome-mv3 folder. */
function buildVariant(name, src) {
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && !/^(tests|docs|store)\//.test(f));
  for (const f of tracked) {
    mkdirSync(dirname(join(src, f)), { recursive: true });
    copyFileSync(join(ROOT, f), join(src, f));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(src, 'node_modules'));
  const entries = readdirSync(join(src, 'entrypoints')).filter((f) => f.endsWith('.content.ts'));
  for (const f of entries) {
    const p = join(src, 'entrypoints', f);
    const text = readFileSync(p, 'utf8');
    if (!MAIN.test(text)) throw new Error(`${f}: no main() to patch; update pagefloor.mjs`);
    writeFileSync(
      p,
      text.replace(MAIN, (m) => m + VARIANTS[name]),
    );
  }
  execFileSync('npx', ['wxt', 'build'], {
    cwd: src,
    env: { ...process.env, TOKENPRINT_OUT_DIR: '.output' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return join(src, '.output/chrome-mv3');
}

/** Kilobytes of a build's content scripts for one site (its observer and its tap). */
function scriptKb(dir, site) {
  const files = [`${site}.js`, `${site}-tap.js`].map((f) => join(dir, 'content-scripts', f));
  return files.reduce((s, f) => s + statSync(f).size, 0) / 1024;
}

export default {
  name: 'pagefloor',
  description:
    'what the page-cost target leaves for the work: empty scripts, code loaded, extension',
  async run() {
    const copies = [];
    const browsers = [];
    const rows = [];
    try {
      const dirs = {};
      for (const name of Object.keys(VARIANTS)) {
        copies.push(mkdtempSync(join(tmpdir(), `tokenprint-${name}-`)));
        dirs[name] = buildVariant(name, copies.at(-1));
      }
      const sizes = (site) =>
        Object.fromEntries(Object.entries(dirs).map(([k, d]) => [k, scriptKb(d, site)]));
      // The empty build must have lost the capture code and the loaded one kept it, or the
      // rows below would measure something else.
      for (const site of Object.keys(SITES)) {
        const kb = sizes(site);
        if (kb.empty > 8 || kb.loaded < 0.95 * kb.extension)
          throw new Error(
            `pagefloor: ${site} builds are ${JSON.stringify(kb)} KB; the patch no longer does what it says`,
          );
      }
      const pages = Object.fromEntries(
        Object.entries(SITES).map(([k, v]) => [k, longStreamVariant(v.file)]),
      );
      const browser = {};
      for (const k of Object.keys(VARIANTS)) {
        browser[k] = await launchChromium({ pages, extDir: dirs[k] });
        browsers.push(browser[k]);
      }
      for (const site of Object.keys(SITES).filter((k) => !ONLY || ONLY.includes(k))) {
        const runs = { empty: [], loaded: [], extension: [] };
        // Alternated, so the machine's drift falls on every build alike.
        for (let i = 0; i < RUNS; i++)
          for (const k of Object.keys(runs)) {
            const t = (await measure(browser[k], site, i, true, false, true)).threads;
            runs[k].push({ pageMs: t.pageMs, extMs: t.extMs + t.outsideMs });
          }
        const ext = (k) => median(runs[k].map((t) => t.extMs));
        const ratio = (k) => median(runs[k].map((t) => (t.pageMs + t.extMs) / t.pageMs));
        const pageMs = median(
          Object.values(runs)
            .flat()
            .map((t) => t.pageMs),
        );
        const allowed = (TARGET - 1) * pageMs;
        const kb = sizes(site);
        const cell = (k) => `${fmtMs(ext(k))} (${ratio(k).toFixed(3)}×)`;
        rows.push({
          site,
          'page JS': fmtMs(pageMs),
          [`${TARGET}× allows`]: fmtMs(allowed),
          'empty scripts': cell('empty'),
          'code loaded, not started': `${cell('loaded')}, ${kb.loaded.toFixed(1)} KB`,
          extension: cell('extension'),
          'loading our code': fmtMs(ext('loaded') - ext('empty')),
          'the work': fmtMs(ext('extension') - ext('loaded')),
          'left for the work': fmtMs(allowed - ext('loaded')),
        });
      }
      printTable(
        `Page cost by thread time, three builds (${RUNS} traced runs per site and build, alternated, medians; measured as the pagecost target; "left for the work": what ${TARGET}× allows once the code is loaded)`,
        rows,
      );
    } finally {
      for (const b of browsers) await b.close();
      for (const dir of copies) rmSync(dir, { recursive: true, force: true });
    }
  },
};
