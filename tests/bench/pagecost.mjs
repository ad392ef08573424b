// Page cost: each saved chat page streaming a long reply (~2,000 tokens), in Chromium with the
// extension and without it (two browsers, runs alternated). Main-thread ScriptDuration and
// TaskDuration of the page's renderer from CDP Performance.getMetrics (content scripts run
// on that thread, in their isolated world), and long tasks seen by a PerformanceObserver.
// Target: with/without ≤ 1.05× script time, and no long task the extension adds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, FIXTURES, launchChromium, openExtPage, SITES } from './ext.mjs';
import { fmtMs, median, printTable } from './lib.mjs';

const RUNS = 3;
const TARGET = 1.05;
/** ~4 characters per token in English prose and code (OpenAI's rule of thumb). */
const REPLY_CHARS = 8_000;
/** Re-renders per reply: the fixture re-renders the whole reply as markdown on each tick. */
const TICKS = 200;

/**
 * The saved page, its simulated reply repeated to REPLY_CHARS characters and streamed
 * several fixture tokens per 20 ms tick (a test-only variant made here, 2026-11-23, so it
 * follows the saved page when that changes). Throws if the page's simulator changed shape.
 */
function longStreamVariant(file) {
  const html = readFileSync(join(FIXTURES, file), 'utf8');
  const start = html.indexOf('var REPLY_TOKENS = [');
  const end = html.indexOf('];', start);
  const step = 'text += REPLY_TOKENS[i++];';
  if (start < 0 || end < 0 || !html.includes(step))
    throw new Error(`${file}: stream simulator not found; update tests/bench/pagecost.mjs`);
  const grow = `
  REPLY_TOKENS = (function (base) {
    var out = [];
    while (out.join('').length < ${REPLY_CHARS}) out = out.concat(base);
    return out;
  })(REPLY_TOKENS);
  var BENCH_BATCH = Math.ceil(REPLY_TOKENS.length / ${TICKS});`;
  return (
    html.slice(0, end + 2) +
    grow +
    html
      .slice(end + 2)
      .replace(
        step,
        'for (var k = 0; k < BENCH_BATCH && i < REPLY_TOKENS.length; k++) text += REPLY_TOKENS[i++];',
      )
  );
}

/** One page load and stream; returns the page's main-thread metrics and long tasks. */
async function measure(b, site, n, stream = true) {
  const page = await b.context.newPage();
  await page.addInitScript(() => {
    const w = window;
    w.__longTasks = [];
    w.__loafExt = 0;
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: true });
    try {
      // Long animation frames name the scripts that ran in them (content scripts included).
      new PerformanceObserver((l) => {
        for (const e of l.getEntries())
          for (const s of e.scripts ?? [])
            if (String(s.sourceURL).startsWith('chrome-extension://')) w.__loafExt++;
      }).observe({ type: 'long-animation-frame', buffered: true });
    } catch {
      // not supported: the long-task count comparison still stands
    }
    document.addEventListener('fixture:stream-complete', () =>
      console.log('fixture:stream-complete'),
    );
  });
  const cdp = await b.context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const done = stream
    ? page.waitForEvent('console', {
        predicate: (m) => m.text() === 'fixture:stream-complete',
        timeout: 60_000,
      })
    : page.waitForTimeout(1000);
  const s = SITES[site];
  const query = stream ? '?stream=1&startDelay=1000&duration=100' : '';
  await page.goto(`${s.origin}${s.path}bench-${site}-${n}-${Date.now()}${query}`);
  await done;
  await page.waitForTimeout(1500); // completion detection and delivery happen after the last token
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  const lt = await page.evaluate(() => ({
    longTasks: window.__longTasks,
    loafExt: window.__loafExt,
  }));
  await cdp.detach();
  await page.close();
  return { script: m.ScriptDuration * 1000, task: m.TaskDuration * 1000, ...lt };
}

export default {
  name: 'pagecost',
  description: 'saved chat pages streaming ~2,000 tokens, with vs without the extension',
  async run() {
    ensureBuilt();
    const pages = Object.fromEntries(
      Object.entries(SITES).map(([k, v]) => [k, longStreamVariant(v.file)]),
    );
    const withExt = await launchChromium({ pages });
    const without = await launchChromium({ extension: false, pages });
    const rows = [];
    let ok = true;
    try {
      for (const site of Object.keys(SITES)) {
        const r = { with: [], without: [], staticWith: [], staticWithout: [] };
        for (let i = 0; i < RUNS; i++) {
          r.without.push(await measure(without, site, i));
          r.with.push(await measure(withExt, site, i));
          // The same page without a stream: the extension's fixed cost (loading, first scan).
          r.staticWithout.push(await measure(without, site, i, false));
          r.staticWith.push(await measure(withExt, site, i, false));
        }
        const med = (k, key) => median(r[k].map((x) => x[key]));
        const sRatio = med('with', 'script') / med('without', 'script');
        const tRatio = med('with', 'task') / med('without', 'task');
        const lt = (k) => r[k].reduce((s, x) => s + x.longTasks.length, 0);
        const extraLong = lt('with') - lt('without');
        const loaf = r.with.reduce((s, x) => s + x.loafExt, 0);
        const pass = sRatio <= TARGET && extraLong <= 0 && loaf === 0;
        ok &&= pass;
        rows.push({
          site,
          'script without': fmtMs(med('without', 'script')),
          'script with': fmtMs(med('with', 'script')),
          'script ratio': `${sRatio.toFixed(3)}×`,
          'task without': fmtMs(med('without', 'task')),
          'task with': fmtMs(med('with', 'task')),
          'task ratio': `${tRatio.toFixed(3)}×`,
          'static page: script w/o → with': `${fmtMs(med('staticWithout', 'script'))} → ${fmtMs(med('staticWith', 'script'))}`,
          'long tasks w/o → with': `${lt('without')} → ${lt('with')}`,
          'ext. scripts in long frames': loaf,
          ok: pass ? 'yes' : 'MISSED',
        });
      }
      // What the extension counted for those replies (one row per run with the extension).
      const options = await openExtPage(withExt, 'options');
      const counted = await options.evaluate(
        () =>
          new Promise((res) => {
            const open = indexedDB.open('tokenprint');
            open.onsuccess = () => {
              const r = open.result
                .transaction('interactions')
                .objectStore('interactions')
                .getAll();
              r.onsuccess = () => res(r.result.map((x) => ({ site: x.site, out: x.outputTokens })));
            };
          }),
      );
      printTable(
        `Page cost (${RUNS} runs per site and browser, medians; CDP Performance.getMetrics of the page's renderer main thread, whole page life)`,
        rows,
      );
      const bySite = Object.keys(SITES).map((site) => {
        const outs = counted.filter((c) => c.site === site && c.out > 500).map((c) => c.out);
        return {
          site,
          'long replies recorded': outs.length,
          'output tokens each': [...new Set(outs)].join(', '),
        };
      });
      printTable('Replies the extension recorded during those runs', bySite);
    } finally {
      await withExt.close();
      await without.close();
    }
    return { ok };
  },
};
