// The traffic tap on a 1 MB streamed reply (issue #13): the saved ChatGPT page sends one
// request whose reply is 1 MB of text in 20,000 deltas (delta encoding v1, ~1.9 MB of SSE),
// reads the whole stream like the site, and the main-world tap reads a clone of it. With
// and without the extension, alternated: the page's long tasks, the page's script time, and
// (traced) the longest call into the extension. Target: no long task (≥ 50 ms) that the page
// without the extension does not have, and no extension call ≥ 50 ms.
import { ensureBuilt, launchChromium, recordLongTasks, SITES } from './ext.mjs';
import { threadTime } from './pagecost.mjs';

const RUNS = Number(process.env.BENCH_TAP_RUNS ?? 5);
const REPLY_CHARS = 1_000_000;
const DELTAS = 20_000;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

async function measure(b, n, trace) {
  const page = await b.context.newPage();
  await recordLongTasks(page);
  const s = SITES.chatgpt;
  await page.goto(`${s.origin}${s.path}6870a3f2-1b4c-8004-9d3e-${String(n).padStart(12, '0')}`);
  await page.waitForTimeout(1000);
  const cdp = await b.context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const before = Object.fromEntries(
    (await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]),
  );
  const events = [];
  if (trace) {
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    await cdp.send('Tracing.start', {
      traceConfig: { includedCategories: ['devtools.timeline'] },
      transferMode: 'ReportEvents',
    });
  }
  await page.evaluate(() => (window.__longTasks.length = 0));
  const bytes = await page.evaluate(
    async ({ chars, deltas }) => {
      const reply = 'lorem ipsum dolor sit amet, '.repeat(Math.ceil(chars / 28)).slice(0, chars);
      const text = await window.__fixtureTraffic.send({
        user: 'A long answer, please.',
        reply,
        ms: 0,
        pieces: deltas,
      });
      return text.length;
    },
    { chars: REPLY_CHARS, deltas: DELTAS },
  );
  await page.waitForTimeout(1500); // the tap's hand-off and the reconciler's wait
  const after = Object.fromEntries(
    (await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]),
  );
  let threads = null;
  if (trace) {
    const complete = new Promise((res) => cdp.once('Tracing.tracingComplete', res));
    await cdp.send('Tracing.end');
    await complete;
    threads = threadTime(events);
  }
  const longTasks = await page.evaluate(() => window.__longTasks);
  await cdp.detach();
  await page.close();
  return {
    bytes,
    scriptMs: (after.ScriptDuration - before.ScriptDuration) * 1000,
    longTasks,
    threads,
  };
}

export default {
  name: 'tap',
  description: 'a 1 MB reply streamed as 20,000 deltas through the traffic tap (ChatGPT page)',
  async run() {
    ensureBuilt();
    const withExt = await launchChromium();
    const without = await launchChromium({ extension: false });
    const r = { with: [], without: [], traced: [] };
    try {
      for (let i = 0; i < RUNS; i++) {
        r.without.push(await measure(without, i, false));
        r.with.push(await measure(withExt, i, false));
      }
      for (let i = 0; i < 3; i++) r.traced.push(await measure(withExt, RUNS + i, true));
    } finally {
      await withExt.close();
      await without.close();
    }
    const lt = (k) => r[k].flatMap((x) => x.longTasks);
    const longestExt = Math.max(...r.traced.map((t) => t.threads.longestMs));
    const extraLong =
      lt('with').filter((d) => d >= 50).length - lt('without').filter((d) => d >= 50).length;
    const ok = longestExt < 50 && extraLong <= 0;
    console.table([
      {
        'stream read by the page': `${(r.with[0].bytes / 1e6).toFixed(2)} MB`,
        'page script without': `${median(r.without.map((x) => x.scriptMs)).toFixed(1)} ms`,
        'page script with': `${median(r.with.map((x) => x.scriptMs)).toFixed(1)} ms`,
        'long tasks without / with': `${lt('without').length} / ${lt('with').length} (${[...lt('with')].join(', ') || 'none'})`,
        'extension thread time (traced)': `${median(r.traced.map((t) => t.threads.extMs)).toFixed(1)} ms`,
        'longest extension call': `${longestExt.toFixed(1)} ms`,
        target: ok ? 'met' : 'MISSED',
      },
    ]);
    return { ok };
  },
};
