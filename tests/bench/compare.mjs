// The Compare page at scale (issue #19): its time to the comparison table and to the routing
// what-ifs, against the popup's time to its chart, opened alternately in the same browser,
// at 10k and 90k interactions (90k = five years at 50 a day) seeded through the options
// page's own import. The table comes from the daily rollups; the what-ifs read every
// interaction (the store has no time index), after the table's first paint. The popup is
// also opened at the compare page's size, a control for the page's size.
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ensureBuilt,
  exportFile,
  importThroughOptions,
  launchChromium,
  openExtPage,
  storeCounts,
  timeToElements,
} from './ext.mjs';
import { fmtMs, median, printTable } from './lib.mjs';

const RUNS = 11;
const PAUSE_MS = 1000;
const CHUNK = 10_000;
/** Sizes seeded, in order (`BENCH_COMPARE_SIZES=10000` for a quick A/B of two builds). */
const SIZES = (process.env.BENCH_COMPARE_SIZES ?? '10000,90000').split(',').map(Number);
/**
 * The target: the Compare page's table as fast as the popup's chart, at both sizes;
 * 5 % of slack, as the page-cost target, for a comparison across two pages.
 */
const TARGET_RATIO = 1.05;

const POPUP = { chart: '.chart canvas, [data-testid="empty-state"]' };
const POPUP_SIZE = { width: 380, height: 600 };
const COMPARE_SIZE = { width: 1280, height: 900 };
const COMPARE = {
  // The last model row of the first paint (the mix and the first 10; the rest comes after).
  table:
    '[data-testid="compare-table"] tbody:not(.rest) tr:nth-child(11), [data-testid="compare-empty"]',
  routing: '[data-testid="routing-table"], [data-testid="routing"] p.note:not([role])',
};

export default {
  name: 'compare',
  description:
    'Compare page: time to its table and to its routing what-ifs vs the popup, 10k / 90k',
  async run() {
    ensureBuilt();
    const b = await launchChromium();
    const rows = [];
    let ok = true;
    try {
      let options = await openExtPage(b, 'options');
      let seeded = 0;
      for (const target of SIZES) {
        while (seeded < target) {
          const n = Math.min(CHUNK, target - seeded);
          await importThroughOptions(options, exportFile(n, { offset: seeded }), seeded + n);
          seeded += n;
        }
        const counts = await storeCounts(options);
        // As in the history benchmark: no other extension page open while timing.
        await options.close();
        const popup = [];
        const wide = [];
        const table = [];
        const routing = [];
        const longest = [];
        for (let i = 0; i < RUNS; i++) {
          await sleep(PAUSE_MS);
          popup.push((await timeToElements(b, 'popup.html', POPUP, POPUP_SIZE)).chart);
          await sleep(PAUSE_MS);
          const c = await timeToElements(b, 'compare.html', COMPARE, COMPARE_SIZE);
          table.push(c.table);
          routing.push(c.routing);
          longest.push(c.longestTask);
          await sleep(PAUSE_MS);
          wide.push((await timeToElements(b, 'popup.html', POPUP, COMPARE_SIZE)).chart);
        }
        options = await openExtPage(b, 'options');
        const ratio = median(table) / median(popup);
        // Each compare opening over the popup opening just before it: the load of the moment
        // (other jobs on the machine) weighs on both alike.
        const pairwise = median(table.map((x, i) => x / popup[i]));
        const pass = ratio <= TARGET_RATIO;
        ok &&= pass;
        rows.push({
          interactions: target.toLocaleString('en'),
          'daily rows': counts.daily,
          'popup to chart': fmtMs(median(popup)),
          'compare to table': fmtMs(median(table)),
          'table min–max': `${fmtMs(Math.min(...table))}–${fmtMs(Math.max(...table))}`,
          'table ÷ popup': `${ratio.toFixed(2)}×`,
          'pairwise ÷': `${pairwise.toFixed(2)}×`,
          'popup at 1280×900': `${fmtMs(median(wide))} (table ÷ it ${(median(table) / median(wide)).toFixed(2)}×)`,
          'compare to what-ifs': fmtMs(median(routing)),
          'longest task (median / max)': `${fmtMs(median(longest))} / ${fmtMs(Math.max(...longest))}`,
          target: `table ≤ ${TARGET_RATIO}× popup: ${pass ? 'ok' : 'MISSED'}`,
        });
      }
      printTable(
        `Compare page vs popup, navigation start → frame after the element (median of ${RUNS} alternated openings each; load average ${loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')} at the end)`,
        rows,
      );
    } finally {
      await b.close();
    }
    return { ok };
  },
};
