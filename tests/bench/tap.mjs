// The traffic tap on a 1 MB streamed reply (issue #13): the saved ChatGPT page sends one
// request whose reply is 1 MB of text in 20,000 deltas (delta encoding v1, ~1.9 MB of SSE),
// reads the whole stream like the site, and the main-world tap reads a clone of it. With
// and without the extension, alternated: the page's long tasks, the page's script time, and
// (traced) the longest call into the extension. Target: no long task (≥ 50 ms) that the page
// without the extension does not have, and no extension call ≥ 50 ms.
import { ensureBuilt, launchChromium, recordLongTasks, SITES } from './ext.mjs';
import { threadTime } from './pagecost.mjs';
import { importTs } from './lib.mjs';

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

/**
 * A loaded conversation's body parsed under Node: the native JSON.parse in one piece against
 * the tap's parseSliced with its 8 ms budget (lib/content/tap/fetch.ts): total time and the
 * longest stretch between pauses. Target: no stretch near 50 ms at any size.
 */
export async function bigBodies() {
  const { parseSliced } = (await importTs('lib/content/tap/sliced-json.ts')).module;
  const rows = [];
  let ok = true;
  for (const turns of [1000, 4000]) {
    const mapping = {};
    for (let i = 0; i < turns; i++)
      mapping[`m${i}`] = {
        id: `m${i}`,
        parent: i ? `m${i - 1}` : null,
        children: [`m${i + 1}`],
        message: {
          author: { role: i % 2 ? 'assistant' : 'user' },
          content: {
            content_type: 'text',
            parts: [`Turn ${i}: grid mixes differ by country. `.repeat(130)],
          },
          metadata: { model_slug: 'gpt-4o', finish_details: { type: 'stop' } },
        },
      };
    const text = JSON.stringify({ title: 'Bench', mapping, current_node: `m${turns - 1}` });
    const native = [];
    const sliced = [];
    const longest = [];
    for (let r = 0; r < 5; r++) {
      let t = performance.now();
      JSON.parse(text);
      native.push(performance.now() - t);
      let start = performance.now();
      let worst = 0;
      t = performance.now();
      await parseSliced(text, {
        due: () => performance.now() - start > 8,
        pause: async () => {
          worst = Math.max(worst, performance.now() - start);
          await new Promise((res) => setTimeout(res, 0));
          start = performance.now();
        },
      });
      worst = Math.max(worst, performance.now() - start);
      sliced.push(performance.now() - t);
      longest.push(worst);
    }
    const worst = Math.max(...longest);
    ok &&= worst < 50;
    rows.push({
      body: `${(text.length / 1e6).toFixed(1)} M chars`,
      'JSON.parse, one piece': `${median(native).toFixed(1)} ms`,
      'parseSliced, wall': `${median(sliced).toFixed(1)} ms`,
      'longest stretch (max of 5)': `${worst.toFixed(1)} ms`,
      target: worst < 50 ? 'met' : 'MISSED',
    });
  }
  console.table(rows);
  return ok;
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
    const bodiesOk = await bigBodies();
    const ok = longestExt < 50 && extraLong <= 0 && bodiesOk;
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
