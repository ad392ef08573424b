/**
 * A copy of the recent daily rollups in extension storage, for the popup's first paint.
 *
 * The popup used to read its first rows from IndexedDB. Opening the database is the slow
 * part, and it grows with the database: with five years of history (10 MB) the popup drew
 * its chart ~12 ms later than with one (history benchmark, 2026-11-23: 90.1 ms at 10k
 * interactions, 102.5 ms at 90k, the same 180 rows read). Extension storage answers in one
 * round trip whatever the database holds, and the popup already reads its settings there.
 *
 * The copy is kept by the database itself: every committed transaction that changes `daily`
 * (capture, import, delete, upgrade) schedules a refresh from whichever context wrote
 * (`keepRecentCopy`, a Dexie middleware). Until the first such write (a new install, or an
 * update from a release without the copy) the popup reads the database as before. The worker
 * does not write the copy when it starts: in the history benchmark, opening the database at
 * every browser start left LevelDB's replaced files on disk after its compaction at
 * reopening (10.1 → 19.2 MB at 90k). It is a first paint only: the popup then follows
 * the database (liveQuery), so a copy that lags (a worker stopped between its write and the
 * refresh) shows for a moment and is replaced. It holds what `daily` holds, counts and model
 * names, never text.
 *
 * No Dexie import but types: the popup's first paint reads the copy through
 * `recentFromStorage` without loading Dexie.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import { browser } from 'wxt/browser';
import { daysBefore } from './day';
import type { DailyRow, TokenprintDB } from './schema';

/** Days of rollups in the copy: the popup's first paint (components/popup-reads.ts). */
export const RECENT_DAYS = 30;

/** The copy's extension storage key. */
export const RECENT_KEY = 'recentDaily';

/** The copy's format; another one is ignored (the popup then reads the database). */
const FORMAT = 1;

/** What `RECENT_KEY` holds. */
export interface RecentCopy {
  v: typeof FORMAT;
  /** First day (yyyymmdd) the copy holds every row from. */
  from: number;
  /** Rows from `from` on, in primary-key order (day, site, model). */
  rows: DailyRow[];
  /** Whether `daily` holds any row at all (only asked when `rows` is empty). */
  any: boolean;
}

/** The first-paint rows: from the copy, or what `readDailyDirect` reads. */
export interface RecentRows {
  rows: DailyRow[];
  /** Every row, when nothing is recent and `daily` is empty (see `any`). */
  all?: DailyRow[];
}

const COUNT_FIELDS = ['prompts', 'count', 'inputTokens', 'inputTokensSq', 'outputTokens'] as const;

function isRow(r: unknown): r is DailyRow {
  if (typeof r !== 'object' || r === null) return false;
  const o = r as Record<string, unknown>;
  return (
    Number.isInteger(o.day) &&
    typeof o.site === 'string' &&
    typeof o.model === 'string' &&
    COUNT_FIELDS.every((f) => typeof o[f] === 'number' && Number.isFinite(o[f]) && o[f] >= 0)
  );
}

/**
 * The rows from day `from` on, from a stored copy; null when there is no usable copy: none,
 * another format, a malformed one, one that starts after `from`, or one with nothing recent
 * while `daily` has older rows (only all of history then tells an empty database from a
 * long pause, which the database read does).
 */
export function recentFromStorage(value: unknown, from: number): RecentRows | null {
  if (typeof value !== 'object' || value === null) return null;
  const c = value as Partial<RecentCopy>;
  if (c.v !== FORMAT || !Number.isInteger(c.from) || c.from! > from) return null;
  if (!Array.isArray(c.rows) || typeof c.any !== 'boolean' || !c.rows.every(isRow)) return null;
  const rows = c.rows.filter((r) => r.day >= from);
  if (rows.length > 0) return { rows };
  return c.any ? null : { rows, all: [] };
}

/** Resolves once no copy is waiting to be written (tests; an idle page resolves at once). */
export function recentCopyWritten(): Promise<void> {
  if (![...busy].some((b) => b())) return Promise.resolve();
  return new Promise((resolve) => waiters.push(resolve));
}
const busy = new Set<() => boolean>();
const waiters: (() => void)[] = [];

/** Reads the recent rows from the database and stores the copy. */
export async function writeRecentCopy(database: TokenprintDB, now = Date.now()): Promise<void> {
  const from = daysBefore(now, RECENT_DAYS - 1);
  const { rows, any } = await database.transaction('r', database.daily, async () => {
    // The primary key starts with the day: the same order as the popup's own read.
    const rows = await database.daily.where(':id').aboveOrEqual([from]).toArray();
    return { rows, any: rows.length > 0 || (await database.daily.count()) > 0 };
  });
  const copy: RecentCopy = { v: FORMAT, from, rows, any };
  await browser.storage.local.set({ [RECENT_KEY]: copy });
}

/**
 * Keeps the copy for this database: a Dexie middleware that notes every change to `daily`
 * and refreshes the copy once after it. The refresh's read is a transaction started after
 * the writing one, so IndexedDB runs it after that one has committed (or aborted): it reads
 * the rows as committed. Refreshes never overlap; changes during one start another after it.
 * A failed refresh changes nothing here (the popup then may show an older copy for a moment).
 */
export function keepRecentCopy(database: TokenprintDB): void {
  let running = false;
  let again = false;
  let scheduled = false;
  const settle = (): void => {
    if (running || scheduled) return;
    for (const resolve of waiters.splice(0)) resolve();
  };
  const refresh = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    writeRecentCopy(database)
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (again) refresh();
        else settle();
      });
  };
  const changed = (): void => {
    if (scheduled) return;
    scheduled = true;
    // Out of the writer's transaction (Dexie follows transactions through promises, not
    // timers), and once for all the changes it makes in the same task.
    setTimeout(() => {
      scheduled = false;
      refresh();
    }, 0);
  };
  busy.add(() => running || scheduled);
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'tokenprint:recent-copy',
    create: (down) => ({
      ...down,
      table(name: string): DBCoreTable {
        const table = down.table(name);
        if (name !== 'daily') return table;
        return {
          ...table,
          mutate(req: DBCoreMutateRequest) {
            changed();
            return table.mutate(req);
          },
        };
      },
    }),
  };
  database.use(middleware);
}
