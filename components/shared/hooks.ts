import { liveQuery } from 'dexie';
import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { db, type DailyRow } from '../../lib/db/schema';
import { settingsItem, withDefaults, type Settings } from '../../lib/worker/settings';
import { computeStats, type Stats } from '../../lib/model/stats';

// The popup's first paint uses these without Dexie: they live in ./live.
export { liveSource, useAfterPaint, useLive, type Live, type LiveSource } from './live';

/** The rollup rows of day `from` (yyyymmdd) onwards, or all of them. */
export function dailyRead(from: number | undefined): () => Promise<DailyRow[]> {
  return () =>
    from === undefined
      ? db().daily.toArray()
      : db().daily.where('day').aboveOrEqual(from).toArray();
}

/** The settings, following every change made anywhere (options page, another window). */
export function useSettings(): Settings | null {
  const [s, setS] = useState<Settings | null>(null);
  // Layout effects start the reads right after the first render, not a frame later: the
  // page's first numbers arrive sooner.
  useLayoutEffect(() => {
    let live = true;
    const show = (v: Settings) => {
      shown = v;
      setS(v);
    };
    void settingsItem.getValue().then((v) => live && show(withDefaults(v)));
    const unwatch = settingsItem.watch((v) => show(withDefaults(v)));
    onThisPage.add(show);
    return () => {
      live = false;
      unwatch();
      onThisPage.delete(show);
    };
  }, []);
  return s;
}

/** The settings this page shows, and its useSettings hooks: a change shows before it is stored. */
let shown: Settings | null = null;
const onThisPage = new Set<(s: Settings) => void>();

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
  // Controls follow the settings: until the write's round trip, a re-render would put a
  // clicked radio back. The stored value is still computed from storage, then watched back.
  if (shown) {
    const next = f(shown);
    for (const show of onThisPage) show(next);
  }
  const cur = withDefaults(await settingsItem.getValue());
  await settingsItem.setValue(f(cur));
}
