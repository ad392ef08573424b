import { liveQuery } from 'dexie';
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { db, type DailyRow } from '../lib/db/schema';
import { settingsItem, withDefaults, type Settings } from '../lib/settings';
import { computeStats, type Stats } from '../lib/stats';

/**
 * A value read now and kept current (a Dexie liveQuery or a storage item): started before
 * the first render, so a page's reads run while the rest of its code loads and renders.
 * `get()` is null until the first result.
 */
export interface Live<T> {
  get(): T | null;
  subscribe(f: () => void): () => void;
}

/** A Live whose value is set by its owner. */
export interface LiveSource<T> extends Live<T> {
  set(v: T): void;
}

export function liveSource<T>(): LiveSource<T> {
  let value: T | null = null;
  const subs = new Set<() => void>();
  return {
    get: () => value,
    set(v) {
      value = v;
      for (const f of subs) f();
    },
    subscribe(f) {
      subs.add(f);
      return () => void subs.delete(f);
    },
  };
}

/** The rollup rows of day `from` (yyyymmdd) onwards, or all of them. */
export function dailyRead(from: number | undefined): () => Promise<DailyRow[]> {
  return () =>
    from === undefined
      ? db().daily.toArray()
      : db().daily.where('day').aboveOrEqual(from).toArray();
}

/** The current value of a Live (null until it has one), re-rendering on every change. */
export function useLive<T>(src: Live<T> | null): T | null {
  const value = src?.get() ?? null;
  const [, bump] = useState(0);
  useLayoutEffect(() => {
    if (!src) return;
    const unsub = src.subscribe(() => bump((n) => n + 1));
    // A result that arrived between this render and the subscription.
    if (src.get() !== value) bump((n) => n + 1);
    return unsub;
  }, [src]);
  return value;
}

/** The settings, following every change made anywhere (options page, another window). */
export function useSettings(): Settings | null {
  const [s, setS] = useState<Settings | null>(null);
  // Layout effects start the reads right after the first render, not a frame later: the
  // page's first numbers arrive sooner.
  useLayoutEffect(() => {
    let live = true;
    void settingsItem.getValue().then((v) => live && setS(withDefaults(v)));
    const unwatch = settingsItem.watch((v) => setS(withDefaults(v)));
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return s;
}

/**
 * Daily rollup rows (all, or from day `from`, yyyymmdd), live: a write from the background
 * shows at once. Nothing is read until `enabled`.
 */
export function useDaily(from?: number, enabled = true): DailyRow[] | null {
  const [rows, setRows] = useState<DailyRow[] | null>(null);
  useLayoutEffect(() => {
    if (!enabled) return;
    const sub = liveQuery(dailyRead(from)).subscribe({
      next: setRows,
      error: () => setRows([]),
    });
    return () => sub.unsubscribe();
  }, [from, enabled]);
  return rows;
}

/**
 * False until the frame after `ready` became true has been painted: work the first paint
 * does not need (all of history, what-ifs, the badge) waits for it.
 */
export function useAfterPaint(ready: boolean): boolean {
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (!ready || done) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // rAF runs before the next paint; a task queued from it runs after that paint.
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setDone(true), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, done]);
  return done;
}

/** Stats recomputed whenever the rollups or the assumptions change. */
export function useStats(): { stats: Stats | null; settings: Settings | null } {
  const settings = useSettings();
  const rows = useDaily();
  const stats = useMemo(
    () => (settings && rows ? computeStats(rows, settings.assumptions, Date.now()) : null),
    [settings, rows],
  );
  return { stats, settings };
}

/** Saves a change to the settings. */
export async function updateSettings(f: (s: Settings) => Settings): Promise<void> {
  const cur = withDefaults(await settingsItem.getValue());
  await settingsItem.setValue(f(cur));
}
