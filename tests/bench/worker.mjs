// Worker: time from a reply completing on a chat page to its interaction in IndexedDB, with
// the service worker stopped beforehand (cold: CDP ServiceWorker.stopWorker; the capture
// message wakes it, it opens the database and loads the tokenizer table) against the same
// with the worker running (warm), alternated in one browser.
import { ensureBuilt, launchChromium, openExtPage, SITES, workerControl } from './ext.mjs';
import { fmtMs, median, printTable } from './lib.mjs';

const RUNS = 6;

/**
 * Appends one exchange to the saved ChatGPT page as the site shows it (clones of its last
 * user and assistant turns with new ids and text, the stop button while it streams, then
 * the completion markers) and returns Date.now() at completion.
 */
function playChatgptExchange(page, n) {
  return page.evaluate(async (n) => {
    const sleep = (t) => new Promise((r) => setTimeout(r, t));
    const containers = document.querySelectorAll('[data-turn-id-container]');
    const list = containers[0].parentElement;
    const u = containers[containers.length - 2].cloneNode(true);
    const a = containers[containers.length - 1].cloneNode(true);
    for (const c of [u, a]) {
      const id = crypto.randomUUID();
      c.setAttribute('data-turn-id-container', id);
      c.querySelector('section').setAttribute('data-turn-id', id);
      c.querySelector('[data-message-id]').setAttribute('data-message-id', crypto.randomUUID());
    }
    u.querySelector('.whitespace-pre-wrap').textContent = `Question number ${n}, please answer.`;
    const bar = a.querySelector('[role="group"]');
    const slot = bar.parentElement;
    bar.remove();
    const md = a.querySelector('.markdown');
    md.textContent = '';
    const btn = document.getElementById('composer-submit-button');
    btn.setAttribute('data-testid', 'stop-button');
    list.append(u, a);
    const reply = `Answer ${n}: a short reply that streams in a few chunks, like a real one would.`;
    for (let i = 1; i <= 4; i++) {
      await sleep(120);
      md.textContent = reply.slice(0, Math.ceil((reply.length * i) / 4));
    }
    slot.append(bar);
    btn.setAttribute('data-testid', 'send-button');
    return Date.now();
  }, n);
}

/** In the extension page: waits until `interactions` holds more than `n` rows; returns Date.now(). */
function whenRecorded(extPage, n) {
  return extPage.evaluate(
    (n) =>
      new Promise((res, rej) => {
        const open = indexedDB.open('tokenprint');
        open.onerror = () => rej(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const end = Date.now() + 30_000;
          const poll = () => {
            const r = idb.transaction('interactions').objectStore('interactions').count();
            r.onsuccess = () => {
              if (r.result > n) {
                idb.close();
                res(Date.now());
              } else if (Date.now() > end) rej(new Error('no interaction recorded'));
              else setTimeout(poll, 5);
            };
          };
          poll();
        };
      }),
    n,
  );
}

export default {
  name: 'worker',
  description:
    'reply complete → interaction stored, worker stopped before (cold) vs running (warm)',
  async run() {
    ensureBuilt();
    const b = await launchChromium();
    try {
      const options = await openExtPage(b, 'options');
      const worker = await workerControl(b.context, options, b.extensionId);
      const chat = await b.context.newPage();
      await chat.goto(`${SITES.chatgpt.origin}/c/bench-worker-${Date.now()}`);
      await chat.waitForTimeout(2500); // content script up, its first health report sent
      const cold = [];
      const warm = [];
      let n = 0;
      // The first pair is discarded: on 2026-11-23 the first "cold" run was always as fast as
      // a warm one and every later one was not (cause not found; the worker had been started
      // by the browser launch and woken by the chat page's first health report).
      for (let i = -2; i < RUNS * 2; i++) {
        const isCold = i % 2 === 0;
        if (isCold) await worker.stop();
        else await chat.waitForTimeout(300);
        const recorded = whenRecorded(options, n);
        const done = await playChatgptExchange(chat, i);
        if (i >= 0) (isCold ? cold : warm).push((await recorded) - done);
        n++;
      }
      await worker.detach();
      const w = median(warm);
      const c = median(cold);
      printTable(`Worker (${RUNS} runs each, alternated; median)`, [
        {
          case: 'warm worker',
          'complete → stored': fmtMs(w),
          'min–max': `${fmtMs(Math.min(...warm))}–${fmtMs(Math.max(...warm))}`,
          'vs warm': '1.00×',
        },
        {
          case: 'cold worker (stopped)',
          'complete → stored': fmtMs(c),
          'min–max': `${fmtMs(Math.min(...cold))}–${fmtMs(Math.max(...cold))}`,
          'vs warm': `${(c / w).toFixed(2)}×`,
        },
        {
          case: 'cold start cost (difference)',
          'complete → stored': fmtMs(c - w),
          'min–max': '',
          'vs warm': '',
        },
      ]);
    } finally {
      await b.close();
    }
  },
};
