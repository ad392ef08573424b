// Worker: time from a reply completing on a chat page to its interaction in IndexedDB, with
// the service worker stopped after the prompt was recorded (cold: CDP ServiceWorker.stopWorker; the capture
// message wakes it, it opens the database and loads the tokenizer table) against the same
// with the worker running (warm), alternated in one browser.
import { ensureBuilt, launchChromium, openExtPage, SITES, workerControl } from './ext.mjs';
import { fmtMs, median, printTable } from './lib.mjs';

const RUNS = 6;

/**
 * Appends one exchange to the saved ChatGPT page as the site shows it (clones of its last
 * user and assistant turns with new ids and text, the stop button while it streams) and
 * streams all but the last chunk of the reply; `finishChatgptExchange` completes it.
 */
function startChatgptExchange(page, n) {
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
    window.__benchBar = { bar, slot: bar.parentElement };
    bar.remove();
    const md = a.querySelector('.markdown');
    md.textContent = '';
    const btn = document.getElementById('composer-submit-button');
    btn.setAttribute('data-testid', 'stop-button');
    list.append(u, a);
    const reply = `Answer ${n}: a short reply that streams in a few chunks, like a real one would.`;
    window.__benchReply = { md, reply };
    for (let i = 1; i <= 3; i++) {
      await sleep(120);
      md.textContent = reply.slice(0, Math.ceil((reply.length * i) / 4));
    }
  }, n);
}

/** The last chunk and the completion markers; returns Date.now() at completion. */
function finishChatgptExchange(page) {
  return page.evaluate(() => {
    const { md, reply } = window.__benchReply;
    md.textContent = reply;
    const { bar, slot } = window.__benchBar;
    slot.append(bar);
    document.getElementById('composer-submit-button').setAttribute('data-testid', 'send-button');
    return Date.now();
  });
}

/**
 * In the extension page: waits until object store `store` holds more than `n` rows (polling
 * IndexedDB directly, not through the worker, which the cold runs stop); returns Date.now().
 */
function whenMoreThan(extPage, store, n) {
  return extPage.evaluate(
    ([store, n]) =>
      new Promise((res, rej) => {
        const open = indexedDB.open('tokenprint');
        open.onerror = () => rej(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const end = Date.now() + 30_000;
          const poll = () => {
            const r = idb.transaction(store).objectStore(store).count();
            r.onsuccess = () => {
              if (r.result > n) {
                idb.close();
                res(Date.now());
              } else if (Date.now() > end) rej(new Error(`nothing new in ${store}`));
              else setTimeout(poll, 5);
            };
          };
          poll();
        };
      }),
    [store, n],
  );
}

export default {
  name: 'worker',
  description:
    'reply complete → interaction stored, worker stopped after the prompt (cold) vs running (warm)',
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
        await chat.waitForTimeout(300);
        const recorded = whenMoreThan(options, 'interactions', n);
        await startChatgptExchange(chat, i);
        // The prompt is delivered when it appears and wakes the worker; the stop comes after
        // it is recorded, so the completed reply is what lands on a stopped worker (opening
        // the database and loading the tokenizer table again), as after 30 s of idle.
        await whenMoreThan(options, 'prompts', 0); // the exchange's prompt, pending
        if (isCold) await worker.stop();
        const done = await finishChatgptExchange(chat);
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
