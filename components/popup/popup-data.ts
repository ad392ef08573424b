import type { DailyRow } from '../../lib/db/schema';
import {
  readSettingsOnce,
  settingsFromStorage,
  settingsItem,
  settingsStorageKeys,
  withDefaults,
  type Settings,
} from '../../lib/worker/settings';
import { daysBefore } from '../../lib/db/day';
import { DB_NAME, firstRows, LAST_REPLY, POPUP_DAYS, takeEarlyReads } from '../shared/popup-reads';
import { lastReplyFromStorage, type LastReply } from '../../lib/db/last-reply';
import { RECENT_KEY } from '../../lib/db/recent';
import { browser } from 'wxt/browser';
import { liveSource, type Live } from '../shared/live';

export { POPUP_DAYS };

/** What the popup's first paint needs, read from the moment the popup's script runs. */
export interface PopupData {
  /** One clock reading per popup opening: the popup lives for seconds. */
  now: number;
  settings: Live<Settings>;
  /** The rollup rows of the last POPUP_DAYS days. */
  recent: Live<DailyRow[]>;
  /**
   * Every rollup row (all-time totals, breakdown, your dot on the slopes chart): read by
   * `follow()`, or at once when the recent days are empty (only all of history then tells
   * an empty database from a long pause).
   */
  all: Live<DailyRow[]>;
  /** The newest reply's counts (the long-chat hint), null when there is none; followed. */
  last: Live<LastReply | null>;
  /**
   * Reads all of history and follows writes to both reads (Dexie liveQuery, in
   * ./popup-follow, loaded then). Called after the first paint, which need not wait for
   * Dexie's load and open; a write made meanwhile is in liveQuery's first result.
   */
  follow(): void;
}

/** Same rows with the same sums (liveQuery's first result usually repeats the first read). */
export function sameRows(a: readonly DailyRow[] | null, b: readonly DailyRow[]): boolean {
  return (
    a !== null &&
    a.length === b.length &&
    a.every((r, i) => {
      const s = b[i]!;
      return (
        r.day === s.day &&
        r.site === s.site &&
        r.model === s.model &&
        r.count === s.count &&
        r.prompts === s.prompts &&
        r.inputTokens === s.inputTokens &&
        r.inputTokensSq === s.inputTokensSq &&
        r.outputTokens === s.outputTokens
      );
    })
  );
}

/**
 * The popup's two reads: the settings (settingsFromStorage) and the recent rollups (their
 * copy in extension storage, else IndexedDB directly, readDailyDirect; through Dexie when
 * neither can read). Taken over from the early script when it started the same reads (popup.html), or
 * started here. Settings changes are followed from the start.
 */
export function startPopupData(now = Date.now()): PopupData {
  const from = daysBefore(now, POPUP_DAYS - 1);
  const name = DB_NAME;
  const keys = settingsStorageKeys();
  const early = takeEarlyReads();
  const same = early?.name === name && early.from === from;
  const rowsRead = same
    ? early.rows
    : firstRows(
        name,
        from,
        browser.storage.local.get(RECENT_KEY).catch(() => null),
      );
  const settings = liveSource<Settings>();
  let changed = false;
  // Registered before the read: a change made meanwhile wins over the read's older value.
  settingsItem.watch((v) => {
    changed = true;
    settings.set(withDefaults(v));
  });
  const settingsRead =
    same && early.keys.join() === keys.join() && !early.changed()
      ? early.storage.then((got) => (got ? settingsFromStorage(got) : readSettingsOnce()))
      : readSettingsOnce();
  void settingsRead.then(
    (s) => changed || settings.set(s),
    () => changed || settings.set(withDefaults(null)),
  );

  // The newest reply: in the early storage get, else its own; then followed.
  const last = liveSource<LastReply | null>();
  let lastChanged = false;
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(LAST_REPLY in changes)) return;
    lastChanged = true;
    last.set(lastReplyFromStorage(changes[LAST_REPLY]!.newValue));
  });
  const lastRead = same ? early.storage : browser.storage.local.get(LAST_REPLY).catch(() => null);
  void lastRead.then((got) => lastChanged || last.set(lastReplyFromStorage(got?.[LAST_REPLY])));

  const recent = liveSource<DailyRow[]>();
  const all = liveSource<DailyRow[]>();
  let following = false;
  const follow = () => {
    if (following) return;
    following = true;
    const failed = () => {
      for (const src of [recent, all]) if (src.get() === null) src.set([]);
    };
    void import('./popup-follow').then(({ followDaily }) => {
      for (const [src, since] of [
        [recent, from],
        [all, undefined],
      ] as const) {
        followDaily(
          since,
          (rows) => sameRows(src.get(), rows) || src.set(rows),
          () => src.get() ?? src.set([]),
        );
      }
    }, failed);
  };
  // Nothing recent: only all of history tells an empty database from a long pause.
  void rowsRead.then((got) => {
    if (!got) return follow();
    if (got.all) all.set(got.all);
    recent.set(got.rows);
  });
  return { now, settings, recent, all, last, follow };
}

/**
 * Resolves once the settings and the recent rows are known, or after `ms`. The popup then
 * renders once, not placeholders and then everything again a moment later: a render
 * meanwhile would also hold up the read's replies, which wait for the main thread.
 */
export function firstData(data: PopupData, ms: number): Promise<void> {
  const known = () => data.settings.get() !== null && data.recent.get() !== null;
  if (known()) return Promise.resolve();
  return new Promise((resolve) => {
    const stops = [data.settings, data.recent].map((src) => src.subscribe(() => known() && done()));
    const timer = setTimeout(() => done(), ms);
    function done() {
      clearTimeout(timer);
      for (const stop of stops) stop();
      resolve();
    }
  });
}
