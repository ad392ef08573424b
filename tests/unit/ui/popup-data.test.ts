import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_ASSUMPTIONS } from '../../../lib/model/carbon';
import { db, TokenprintDB, type DailyRow } from '../../../lib/db/schema';
import { RECENT_KEY, recentCopyWritten } from '../../../lib/db/recent';
import { LAST_REPLY_KEY } from '../../../lib/db/last-reply';
import {
  DEFAULT_SETTINGS,
  getSettings,
  readSettingsOnce,
  settingsStorageKeys,
} from '../../../lib/worker/settings';
import { daysBefore } from '../../../lib/model/stats';
import {
  DB_NAME,
  LAST_REPLY,
  readDailyDirect,
  startEarlyReads,
  takeEarlyReads,
} from '../../../components/shared/popup-reads';
import {
  firstData,
  POPUP_DAYS,
  sameRows,
  startPopupData,
  type PopupData,
} from '../../../components/popup/popup-data';
import { liveSource, type Live } from '../../../components/shared/live';
import { daily, NOW } from '../daily-rows';

let names = 0;
/** A database of the current schema under a fresh name, with these rollups. */
async function seeded(rows: DailyRow[]): Promise<TokenprintDB> {
  const d = new TokenprintDB(`popup-data-${++names}`);
  await d.daily.bulkPut(rows);
  return d;
}

/** The next value of a Live that satisfies `ok` (its current one if it does). */
function next<T>(src: Live<T>, ok: (v: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const v = src.get();
    if (v !== null && ok(v)) return resolve(v);
    const unsub = src.subscribe(() => {
      const w = src.get();
      if (w !== null && ok(w)) {
        unsub();
        resolve(w);
      }
    });
  });
}

describe('readDailyDirect (the popup reads its first rows with IndexedDB itself)', () => {
  it("returns the same rows as Dexie's query from that day on, in day order", async () => {
    const rows = [
      daily(40),
      daily(3),
      daily(0),
      daily(3, { site: 'claude', model: 'x' }),
      daily(29),
    ];
    const d = await seeded(rows);
    const from = daysBefore(NOW, 29);
    const got = await readDailyDirect(d.name, from);
    const want = await d.daily.where('day').aboveOrEqual(from).toArray();
    expect(got?.rows).toEqual(want);
    expect(got?.rows.map((r) => r.day)).toEqual([29, 3, 3, 0].map((n) => daysBefore(NOW, n)));
    expect(got?.all).toBeUndefined();
    d.close();
  });

  it('with allIfNone and nothing recent, also returns every row (long pause vs empty)', async () => {
    const d = await seeded([daily(400), daily(100)]);
    const got = await readDailyDirect(d.name, daysBefore(NOW, 29), { allIfNone: true });
    expect(got?.rows).toEqual([]);
    expect(got?.all?.map((r) => r.day)).toEqual([daysBefore(NOW, 400), daysBefore(NOW, 100)]);
    const empty = await seeded([]);
    expect(await readDailyDirect(empty.name, 0, { allIfNone: true })).toEqual({
      rows: [],
      all: [],
    });
  });

  it('creates no database when there is none, so Dexie later creates it with its schema', async () => {
    const name = `popup-data-missing-${++names}`;
    expect(await readDailyDirect(name, 0)).toBeNull();
    expect(await Dexie.exists(name)).toBe(false);
    const d = new TokenprintDB(name);
    await d.daily.put(daily(0));
    expect(await d.daily.count()).toBe(1);
    d.close();
  });

  it('resolves null for a database without the daily store', async () => {
    const other = new Dexie(`popup-data-other-${++names}`);
    other.version(1).stores({ things: 'id' });
    await other.open();
    other.close();
    expect(await readDailyDirect(other.name, 0)).toBeNull();
  });

  it('closes its connection: a schema upgrade right after it is not blocked', async () => {
    const d = await seeded([daily(0)]);
    await readDailyDirect(d.name, 0);
    const upgraded = new Dexie(d.name);
    upgraded.version(50).stores({ daily: '[day+site+model], day', extra: 'id' });
    const blocked = vi.fn();
    upgraded.on('blocked', blocked);
    await upgraded.open();
    expect(blocked).not.toHaveBeenCalled();
    expect(await upgraded.table('daily').count()).toBe(1);
    upgraded.close();
  });
});

describe('readSettingsOnce (one storage read) equals getSettings', () => {
  afterEach(() => vi.resetModules());

  it('nothing stored: the defaults', async () => {
    expect(await readSettingsOnce()).toEqual(await getSettings());
    expect(await readSettingsOnce()).toEqual(DEFAULT_SETTINGS);
  });

  it('current settings, completed with fields a newer release added', async () => {
    const stored = {
      assumptions: { ...DEFAULT_ASSUMPTIONS, siteModel: { chatgpt: 'small' } },
      responseBadge: true,
    };
    await fakeBrowser.storage.local.set({ settings: stored, settings$: { v: 2 } });
    const s = await readSettingsOnce();
    expect(s).toEqual(await getSettings());
    expect(s.responseBadge).toBe(true);
    expect(s.toolbarBadge).toBe(true);
    expect(s.assumptions.siteModel).toEqual({ ...DEFAULT_ASSUMPTIONS.siteModel, chatgpt: 'small' });
  });

  it('settings of version 1 go through the migration', async () => {
    await fakeBrowser.storage.local.set({ settings: { region: 'FRA' }, settings$: { v: 1 } });
    // A fresh module: the item migrates when it is defined, as when the popup loads.
    vi.resetModules();
    const fresh = await import('../../../lib/worker/settings');
    const s = await fresh.readSettingsOnce();
    expect(s.assumptions.providers.openai.region).toBe('FRA');
    expect(s).toEqual(await fresh.getSettings());
  });
});

describe('startPopupData', () => {
  it('reads the settings and the last POPUP_DAYS days; all of history waits for follow()', async () => {
    // startPopupData reads the extension's database, db().
    await db().daily.bulkPut([daily(0), daily(POPUP_DAYS - 1), daily(POPUP_DAYS), daily(300)]);
    const data = startPopupData(NOW);
    const recent = await next(data.recent);
    expect(recent.map((r) => r.day)).toEqual([daysBefore(NOW, POPUP_DAYS - 1), daysBefore(NOW, 0)]);
    expect(await next(data.settings)).toEqual(DEFAULT_SETTINGS);
    expect(data.all.get()).toBeNull();
    data.follow();
    expect((await next(data.all)).length).toBe(4);
    // Followed: a write shows in both reads.
    await db().daily.put(daily(0, { site: 'claude', model: 'claude-sonnet-4-5' }));
    expect((await next(data.recent, (r) => r.length === 3)).length).toBe(3);
    expect((await next(data.all, (r) => r.length === 5)).length).toBe(5);
  });
});

describe('early reads (popup-early.js starts them, the popup takes them over)', () => {
  afterEach(() => void takeEarlyReads());

  it.each([
    ['a plain day', new Date(2026, 10, 23, 12)],
    ['just after midnight', new Date(2026, 10, 23, 0, 5)],
    ['across a year', new Date(2027, 0, 10, 23, 59)],
    ['across the spring DST change', new Date(2026, 3, 2, 1, 30)],
    ['across the autumn DST change', new Date(2026, 10, 20, 23, 30)],
    ['in a leap year', new Date(2028, 2, 15, 8)],
  ])('restate the popup’s own parameters: %s', (_label, when) => {
    startEarlyReads(POPUP_DAYS, when.getTime());
    const e = takeEarlyReads()!;
    expect(e.from).toBe(daysBefore(when.getTime(), POPUP_DAYS - 1));
    expect(e.name).toBe(db().name);
    // The popup's own reads (without Dexie) name the database the same way.
    expect(DB_NAME).toBe(db().name);
    // And the newest reply's copy the same way (lib/db/last-reply.ts).
    expect(LAST_REPLY).toBe(LAST_REPLY_KEY);
    expect(e.keys).toEqual(settingsStorageKeys());
    expect(takeEarlyReads()).toBeUndefined();
  });

  it('are the same reads the popup would make, and say when the settings changed since', async () => {
    await fakeBrowser.storage.local.set({
      settings: { ...DEFAULT_SETTINGS, toolbarBadge: false },
      settings$: { v: 2 },
    });
    await db().daily.bulkPut([daily(0, { model: 'early-2' }), daily(40)]);
    await recentCopyWritten();
    startEarlyReads(POPUP_DAYS, NOW);
    const e = takeEarlyReads()!;
    expect(e.changed()).toBe(false);
    const rows = (await e.rows)?.rows;
    expect(rows?.some((r) => r.model === 'early-2')).toBe(true);
    expect(rows).toEqual((await readDailyDirect(db().name, e.from))?.rows);
    // One get: the settings and the copy of the recent rollups (lib/db/recent.ts).
    expect(await e.storage).toEqual(await fakeBrowser.storage.local.get([...e.keys, RECENT_KEY]));
    await fakeBrowser.storage.local.set({ settings: DEFAULT_SETTINGS });
    expect(e.changed()).toBe(true);
  });

  it('the popup takes over reads that match, and reads itself when they do not', async () => {
    await db().daily.put(daily(1, { model: 'early' }));
    await recentCopyWritten();
    startEarlyReads(POPUP_DAYS, NOW);
    const taken = startPopupData(NOW);
    expect(takeEarlyReads()).toBeUndefined();
    expect((await next(taken.recent)).some((r) => r.model === 'early')).toBe(true);
    // Started on another day: not the popup's read.
    startEarlyReads(POPUP_DAYS, NOW - 5 * 86_400_000);
    const own = startPopupData(NOW);
    const rows = await next(own.recent);
    expect(rows.every((r) => r.day >= daysBefore(NOW, POPUP_DAYS - 1))).toBe(true);
    expect(rows.some((r) => r.model === 'early')).toBe(true);
  });
});

describe('sameRows', () => {
  it('tells a changed sum, a missing row or no first read', () => {
    const a = [daily(0), daily(1)];
    expect(
      sameRows(
        a,
        a.map((r) => ({ ...r })),
      ),
    ).toBe(true);
    expect(sameRows(a, [daily(0), daily(1, { outputTokens: 901 })])).toBe(false);
    expect(sameRows(a, [daily(0)])).toBe(false);
    expect(sameRows(null, [])).toBe(false);
  });
});

describe('firstData (the popup renders once its first paint has its data)', () => {
  const sources = () => {
    const settings = liveSource<typeof DEFAULT_SETTINGS>();
    const recent = liveSource<DailyRow[]>();
    const data = {
      now: NOW,
      settings,
      recent,
      all: liveSource<DailyRow[]>(),
      last: liveSource<null>(),
      follow() {},
    };
    return { data: data as PopupData, settings, recent };
  };
  const settled = async (p: Promise<void>) => {
    let done = false;
    void p.then(() => (done = true));
    await Promise.resolve();
    return done;
  };

  it('resolves when both the settings and the recent rows are known, not before', async () => {
    const { data, settings, recent } = sources();
    const waiting = firstData(data, 60_000);
    settings.set(DEFAULT_SETTINGS);
    expect(await settled(waiting)).toBe(false);
    recent.set([daily(0)]);
    expect(await settled(waiting)).toBe(true);
    // Known already: at once.
    expect(await settled(firstData(data, 60_000))).toBe(true);
  });

  it('gives up waiting after the given time (slow reads show the placeholders)', async () => {
    vi.useFakeTimers();
    try {
      const { data, settings } = sources();
      settings.set(DEFAULT_SETTINGS);
      const waiting = firstData(data, 50);
      vi.advanceTimersByTime(49);
      expect(await settled(waiting)).toBe(false);
      vi.advanceTimersByTime(1);
      expect(await settled(waiting)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
