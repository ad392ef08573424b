import Dexie from 'dexie';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { storageKey } from '../../../lib/db/keys';
import { conversationRef } from '../../../lib/db/rows';
import { TokenprintDB, type CapturedRow, type PendingPromptRow } from '../../../lib/db/schema';
import {
  capturedRow,
  epochDay,
  PROMPT_WINDOW_DAYS,
  PRUNE_CHUNK,
  PRUNE_EVERY_MS,
  pruneCaptured,
  pruneIfDue,
  windowStart,
} from '../../../lib/db/window';
import { addPrompt, addResponse } from '../../../lib/db/write';
import { recordCapture } from '../../../lib/worker/record';

const DAY = 86_400_000;
/** A fixed "today" (2026-11-23 12:00 UTC); every write below passes its own `now`. */
const NOW = Date.UTC(2026, 10, 23, 12);

let n = 0;
const prompt = (id: string, at: number, conversationId = 'c1'): PendingPromptRow => ({
  id: `chatgpt:${id}`,
  at,
  site: 'chatgpt',
  conversationId,
  tokens: 5,
});
const response = (id: string, at: number) => ({
  id: `chatgpt:${id}`,
  at,
  site: 'chatgpt' as const,
  conversationId: 'c1',
  model: 'gpt-4o',
  outputTokens: 20,
});

/** Everything but `captured`, to show the prune leaves it alone. */
async function others(database: TokenprintDB) {
  return {
    interactions: await database.interactions.toArray(),
    interactionKeys: await database.interactions.toCollection().primaryKeys(),
    prompts: await database.prompts.toArray(),
    daily: await database.daily.toArray(),
    conversations: await database.conversations.toArray(),
  };
}

describe('prompt-key window (lib/db/window.ts)', () => {
  let database: TokenprintDB;
  beforeEach(() => {
    database = new TokenprintDB(`window-${++n}`);
  });

  it('stamps each prompt key with the UTC day it was recorded', async () => {
    expect(await addPrompt(database, prompt('p', NOW - 5_000), 'gpt-4o', NOW)).toBe(true);
    expect(await database.captured.get(storageKey('chatgpt:p'))).toEqual([
      epochDay(NOW),
      conversationRef('c1'),
    ]);
    expect(epochDay(NOW)).toBe(20_780);
    expect(windowStart(NOW)).toBe(20_780 - PROMPT_WINDOW_DAYS);
  });

  it('the prune deletes only prompt keys recorded before the window, nothing else', async () => {
    // Prompts recorded 200, 91, 90 and 10 days ago; the first three answered, the 10-day-old
    // one and a 120-day-old one (never answered) still pending.
    const ages = { old: 200, edge: 91, inside: 90, recent: 10, pendingOld: 120 };
    for (const [id, age] of Object.entries(ages)) {
      const t = NOW - age * DAY;
      await addPrompt(database, prompt(id, t), 'gpt-4o', t);
      if (id !== 'recent' && id !== 'pendingOld')
        await addResponse(database, {
          ...response(`r-${id}`, t + 1000),
          promptId: `chatgpt:${id}`,
        });
    }
    const before = await others(database);
    expect(before.interactions).toHaveLength(3);
    expect(before.prompts.map((p) => p.id).sort()).toEqual([
      'chatgpt:pendingOld',
      'chatgpt:recent',
    ]);

    expect(await pruneCaptured(database, NOW)).toBe(3);
    const kept = await database.captured.toCollection().primaryKeys();
    expect(kept.sort()).toEqual(
      [storageKey('chatgpt:inside'), storageKey('chatgpt:recent')].sort(),
    );
    // Interactions, pending prompts (even one whose key was pruned), rollups, conversations.
    expect(await others(database)).toEqual(before);
    // A second prune on the same day finds nothing more.
    expect(await pruneCaptured(database, NOW)).toBe(0);
  });

  it('a prompt re-delivered inside the window is refused, before and after a prune', async () => {
    const t = NOW - 89 * DAY;
    expect(await addPrompt(database, prompt('p', t), 'gpt-4o', t)).toBe(true);
    await addResponse(database, { ...response('r', t + 1000), promptId: 'chatgpt:p' });
    await pruneCaptured(database, NOW);
    expect(await addPrompt(database, prompt('p', t), 'gpt-4o', NOW)).toBe(false);
    expect(await database.prompts.count()).toBe(0);
    expect((await database.daily.toArray()).reduce((s, d) => s + d.prompts, 0)).toBe(1);
  });

  it('a prompt re-delivered after the window is refused too: it is stamped before the window', async () => {
    const t = NOW - 120 * DAY;
    expect(await addPrompt(database, prompt('p', t), 'gpt-4o', t)).toBe(true);
    await addResponse(database, { ...response('r', t + 1000), promptId: 'chatgpt:p' });
    expect(await pruneCaptured(database, NOW)).toBe(1);
    expect(await database.captured.count()).toBe(0);
    // Its memory is gone, but a re-delivery carries the original time: refused, unwritten.
    expect(await addPrompt(database, prompt('p', t), 'gpt-4o', NOW)).toBe(false);
    expect(await database.prompts.count()).toBe(0);
    expect(await database.captured.count()).toBe(0);
    expect((await database.daily.toArray()).reduce((s, d) => s + d.prompts, 0)).toBe(1);
    // A new prompt of today is counted as usual.
    expect(await addPrompt(database, prompt('q', NOW - 1000), 'gpt-4o', NOW)).toBe(true);
  });

  it('a still-pending prompt whose key was pruned is not added twice', async () => {
    // Only reachable with a prompt dated inside the window but recorded long before
    // (a clock set back): the pending row itself is the memory then.
    const p = prompt('p', NOW - DAY);
    await addPrompt(database, p, 'gpt-4o', NOW - DAY);
    await database.captured.clear();
    expect(await addPrompt(database, p, 'gpt-4o', NOW)).toBe(false);
    expect(await database.prompts.count()).toBe(1);
  });

  it('prunes a large store in chunks, exactly', async () => {
    // 2.3 chunks of rows, every third one recorded before the window.
    const count = Math.round(PRUNE_CHUNK * 2.3);
    const keys = Array.from({ length: count }, (_, i) => storageKey(`chatgpt:k${i}`));
    const rows: CapturedRow[] = keys.map((_, i) =>
      capturedRow(NOW - (i % 3 === 0 ? 95 : 30) * DAY, conversationRef('c1')),
    );
    await database.captured.bulkAdd(rows, keys);
    const stale = keys.filter((_, i) => i % 3 === 0);
    const spy = vi.spyOn(database, 'transaction');
    expect(await pruneCaptured(database, NOW)).toBe(stale.length);
    expect(spy).toHaveBeenCalledTimes(3);
    const left = new Set(await database.captured.toCollection().primaryKeys());
    expect(left.size).toBe(count - stale.length);
    for (const k of stale) expect(left.has(k)).toBe(false);
  });
});

describe('pruneIfDue: at most once a day', () => {
  it('prunes when due, then not again for a day, also after a worker restart', async () => {
    const name = `window-due-${++n}`;
    const database = new TokenprintDB(name);
    const stale = (id: string, now: number) =>
      database.captured.add(capturedRow(now - 100 * DAY, 1), storageKey(id));
    await stale('a', NOW);
    expect(await pruneIfDue(database, NOW)).toBe(1);

    await stale('b', NOW);
    expect(await pruneIfDue(database, NOW + PRUNE_EVERY_MS - 1)).toBe(0);
    expect(await database.captured.count()).toBe(1);
    // A restarted worker (a new instance) reads the last prune time back.
    const restarted = new TokenprintDB(name);
    expect(await pruneIfDue(restarted, NOW + 60_000)).toBe(0);
    expect(await restarted.captured.count()).toBe(1);
    // A day later: due.
    expect(await pruneIfDue(restarted, NOW + PRUNE_EVERY_MS)).toBe(1);
    expect(await pruneIfDue(database, NOW + PRUNE_EVERY_MS)).toBe(0);
  });

  it('two calls at once prune once', async () => {
    const database = new TokenprintDB(`window-race-${++n}`);
    const spy = vi.spyOn(database, 'transaction');
    await Promise.all([pruneIfDue(database, NOW), pruneIfDue(database, NOW)]);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('a recorded prompt starts the daily prune', async () => {
    const database = new TokenprintDB(`window-record-${++n}`);
    await database.captured.add(capturedRow(Date.now() - 100 * DAY, 1), storageKey('old'));
    const ack = await recordCapture(database, {
      v: 1,
      site: 'chatgpt',
      kind: 'prompt',
      key: 'p',
      conversationId: 'c1',
      modelLabel: null,
      at: Date.now(),
      text: 'hello there',
    });
    expect(ack).toEqual({ ok: true });
    await vi.waitFor(async () => {
      expect(await database.captured.get(storageKey('old'))).toBeUndefined();
    });
    expect(await database.captured.count()).toBe(1);
  });
});

describe('schema v5 → v6 upgrade (prompt keys get a day)', () => {
  it('stamps v4 rows with the upgrade day: still duplicates, pruned 90 days later', async () => {
    const name = `v5-db-${++n}`;
    const old = new Dexie(name);
    old.version(5).stores({
      prompts: 'id, at, [site+conversationId]',
      daily: '[day+site+model], day',
      conversations: '',
      interactions: '',
      captured: '',
    });
    const p = storageKey('chatgpt:p');
    await old.table('captured').bulkAdd([conversationRef('c1'), conversationRef('')], [p, 12]);
    await old
      .table('conversations')
      .bulkAdd(['c1', ''], [conversationRef('c1'), conversationRef('')]);
    await old.table('interactions').add([NOW, 0, conversationRef('c1'), 'gpt-4o', 1, 2], 13);
    old.close();

    const database = new TokenprintDB(name);
    await database.open();
    expect(database.verno).toBe(6);
    const today = epochDay(Date.now());
    expect(await database.captured.bulkGet([p, 12])).toEqual([
      [today, conversationRef('c1')],
      [today, conversationRef('')],
    ]);
    expect(await database.interactions.get(13)).toEqual([
      NOW,
      0,
      conversationRef('c1'),
      'gpt-4o',
      1,
      2,
    ]);
    // Still a duplicate after the upgrade.
    const now = Date.now();
    expect(await addPrompt(database, prompt('p', now - 1000), 'gpt-4o', now)).toBe(false);
    expect(await database.prompts.count()).toBe(0);
    expect(await pruneCaptured(database, now + PROMPT_WINDOW_DAYS * DAY)).toBe(0);
    expect(await pruneCaptured(database, now + (PROMPT_WINDOW_DAYS + 1) * DAY)).toBe(2);
    database.close();
  });
});
