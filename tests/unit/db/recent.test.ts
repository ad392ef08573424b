import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { daysBefore } from '../../../lib/db/day';
import { storageKey } from '../../../lib/db/keys';
import {
  keepRecentCopy,
  RECENT_DAYS,
  RECENT_KEY,
  recentCopyWritten,
  recentFromStorage,
  type RecentCopy,
} from '../../../lib/db/recent';
import { TokenprintDB, type DailyRow } from '../../../lib/db/schema';
import { addInteractions, addPrompt } from '../../../lib/db/write';
import { deleteAllData } from '../../../lib/worker/export';
import { firstRows, readDailyDirect } from '../../../components/shared/popup-reads';

let n = 0;
/** A fresh database that keeps the copy, as db() does. */
function kept(): TokenprintDB {
  const d = new TokenprintDB(`recent-${++n}`);
  keepRecentCopy(d);
  return d;
}

const DAY_MS = 86_400_000;
/** An import-shaped interaction `daysAgo` days before now (the copy is relative to now). */
const interaction = (id: string, daysAgo: number, outputTokens = 10) => ({
  key: storageKey(`chatgpt:${id}`),
  at: Date.now() - daysAgo * DAY_MS,
  site: 'chatgpt' as const,
  conversationId: 'c1',
  model: 'gpt-4o',
  inputTokens: 3,
  outputTokens,
});

async function copy(): Promise<RecentCopy | undefined> {
  await recentCopyWritten();
  return (await fakeBrowser.storage.local.get(RECENT_KEY))[RECENT_KEY] as RecentCopy | undefined;
}

const from = () => daysBefore(Date.now(), RECENT_DAYS - 1);

describe('the copy of the recent rollups (lib/db/recent.ts)', () => {
  it('follows every committed write to `daily`: the same rows the popup would read', async () => {
    const d = kept();
    await addInteractions(d, [interaction('a', 0), interaction('b', 3), interaction('old', 45)]);
    const c = (await copy())!;
    expect(c.from).toBe(from());
    expect(c.any).toBe(true);
    expect(c.rows).toEqual((await readDailyDirect(d.name, from()))!.rows);
    expect(c.rows).toHaveLength(2); // the 45-day-old row is not recent
    // A captured prompt changes `daily` too (prompts + 1).
    await addPrompt(
      d,
      { id: 'chatgpt:p', at: Date.now(), site: 'chatgpt', conversationId: 'c1', tokens: 4 },
      'gpt-4o',
    );
    const today = (await copy())!.rows.find((r) => r.day === daysBefore(Date.now(), 0))!;
    expect(today.prompts).toBe(2);
  });

  it('follows "Delete all data": nothing recent and nothing at all', async () => {
    const d = kept();
    await addInteractions(d, [interaction('a', 0)]);
    expect((await copy())!.rows).toHaveLength(1);
    await deleteAllData(d);
    const c = (await copy())!;
    expect(c).toMatchObject({ rows: [], any: false });
    // The popup can show its empty state from the copy alone.
    expect(recentFromStorage(c, from())).toEqual({ rows: [], all: [] });
  });

  it('says when only older history exists: the popup then reads the database', async () => {
    const d = kept();
    await addInteractions(d, [interaction('old', 45)]);
    const c = (await copy())!;
    expect(c).toMatchObject({ rows: [], any: true });
    expect(recentFromStorage(c, from())).toBeNull();
  });

  it('keeps the committed rows when a write is rolled back', async () => {
    const d = kept();
    await addInteractions(d, [interaction('a', 0, 10)]);
    const before = (await copy())!.rows;
    await expect(
      d.transaction('rw', d.daily, async () => {
        await d.daily.put({ ...before[0]!, outputTokens: 999_999 });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await copy())!.rows).toEqual(before);
  });

  it('"Delete all data" removes the copy before it resolves, even when no refresh finishes', async () => {
    const d = kept();
    await addInteractions(d, [interaction('a', 0)]);
    expect((await copy())!.rows).toHaveLength(1);
    // The refresh after the clear cannot store anything until released (a page closed first).
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const local = fakeBrowser.storage.local;
    const set = local.set.bind(local);
    const spy = vi.spyOn(local, 'set').mockImplementation(async (v) => {
      await held;
      return set(v);
    });
    try {
      await deleteAllData(d);
      expect(await local.get(RECENT_KEY)).toEqual({});
    } finally {
      release();
      spy.mockRestore();
    }
    expect(await copy()).toMatchObject({ rows: [], any: false });
  });

  it('a refresh that fails removes the copy: the popup then reads the database', async () => {
    const d = kept();
    await addInteractions(d, [interaction('a', 0)]);
    expect(await copy()).toBeDefined();
    const spy = vi
      .spyOn(fakeBrowser.storage.local, 'set')
      .mockRejectedValueOnce(new Error('quota exceeded'));
    try {
      await addInteractions(d, [interaction('b', 1)]);
      expect(await copy()).toBeUndefined();
    } finally {
      spy.mockRestore();
    }
  });

  it('refreshes take turns under one Web Lock, shared by the worker and the pages', async () => {
    const names: string[] = [];
    vi.stubGlobal('navigator', {
      locks: {
        request: (name: string, cb: () => Promise<void>) => {
          names.push(name);
          return cb();
        },
      },
    });
    try {
      const d = kept();
      await addInteractions(d, [interaction('a', 0)]);
      expect((await copy())!.rows).toHaveLength(1);
      expect(names).toEqual(['tokenprint:recent-copy']);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('is not written for changes to other stores', async () => {
    const d = kept();
    await d.conversations.put('c9', 9);
    await recentCopyWritten();
    expect(await fakeBrowser.storage.local.get(RECENT_KEY)).toEqual({});
  });
});

describe('recentFromStorage (the popup reads the copy: it crosses a boundary)', () => {
  const day = (k: number) => daysBefore(Date.now(), k);
  const r = (k: number, over: Partial<DailyRow> = {}): DailyRow => ({
    day: day(k),
    site: 'chatgpt',
    model: 'gpt-4o',
    prompts: 1,
    count: 1,
    inputTokens: 3,
    inputTokensSq: 9,
    outputTokens: 10,
    ...over,
  });
  const good = (): RecentCopy => ({ v: 1, from: day(29), rows: [r(29), r(1), r(0)], any: true });

  it('gives the rows from the asked day on', () => {
    expect(recentFromStorage(good(), day(29))!.rows).toHaveLength(3);
    // A copy written days ago still serves a later popup: its rows are filtered.
    expect(recentFromStorage(good(), day(1))).toEqual({ rows: [r(1), r(0)] });
  });

  it.each([
    ['nothing', undefined],
    ['not an object', 'rows'],
    ['another format', { ...good(), v: 2 }],
    ['a copy starting after the asked day', { ...good(), from: day(3) }],
    ['rows not an array', { ...good(), rows: {} }],
    ['`any` missing', { ...good(), any: undefined }],
    ['a count as text', { ...good(), rows: [r(0, { count: '1' as unknown as number })] }],
    ['a negative sum', { ...good(), rows: [r(0, { outputTokens: -5 })] }],
    ['an infinite sum', { ...good(), rows: [r(0, { inputTokens: Infinity })] }],
    ['no model', { ...good(), rows: [{ ...r(0), model: undefined }] }],
    ['a day that is not a number', { ...good(), rows: [r(0, { day: '20261123' as never })] }],
    ['a null row', { ...good(), rows: [null] }],
    // Another site would throw later in the popup's what-ifs (no such provider).
    ['an unknown site', { ...good(), rows: [r(0, { site: 'bard' as never })] }],
  ])('%s: no copy (the popup reads the database)', (_label, value) => {
    expect(recentFromStorage(value, day(29))).toBeNull();
  });
});

describe('firstRows (the popup’s first rows)', () => {
  it('come from the copy when it serves, from IndexedDB when not', async () => {
    const d = new TokenprintDB(`recent-${++n}`); // no copy kept: the two sources differ
    await d.daily.put({
      day: daysBefore(Date.now(), 0),
      site: 'claude',
      model: 'in-the-database',
      prompts: 1,
      count: 1,
      inputTokens: 1,
      inputTokensSq: 1,
      outputTokens: 1,
    });
    const f = from();
    const stored: RecentCopy = {
      v: 1,
      from: f,
      rows: [{ ...(await d.daily.toArray())[0]!, model: 'in-the-copy' }],
      any: true,
    };
    const fromCopy = await firstRows(d.name, f, Promise.resolve({ [RECENT_KEY]: stored }));
    expect(fromCopy!.rows.map((x) => x.model)).toEqual(['in-the-copy']);
    for (const got of [{}, null, { [RECENT_KEY]: { ...stored, v: 0 } }]) {
      const fromDb = await firstRows(d.name, f, Promise.resolve(got));
      expect(fromDb!.rows.map((x) => x.model)).toEqual(['in-the-database']);
    }
  });
});
