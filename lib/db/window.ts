import { storage } from 'wxt/utils/storage';
import { storageKey } from './keys';
import { conversationRef } from './rows';
import type { CapturedRow, TokenprintDB } from './types';

/**
 * The prompt-key memory (`captured`), kept PROMPT_WINDOW_DAYS rather than forever (schema v6)
 * to bound storage. Safe: it only backs up the content script, which never re-sends turns
 * already on the page; its retry queue re-delivers within minutes. addPrompt refuses prompts
 * stamped before the window, so none counts twice (one first delivered 90+ days late is lost).
 */
export const PROMPT_WINDOW_DAYS = 90;

const DAY_MS = 86_400_000;

/** At most one prune per day: the rows it deletes age by days. */
export const PRUNE_EVERY_MS = DAY_MS;

/**
 * Rows read per prune transaction. A first prune after the v6 upgrade may walk 90k rows; in
 * chunks, captures waiting on `captured` get their turn between two chunks.
 */
export const PRUNE_CHUNK = 2000;

/**
 * The UTC day number (days since 1970-01-01) of epoch ms `t`: the day a `captured` row was
 * recorded. UTC, not the local day: a time-zone change must not move the window's edge;
 * and ~20,780 is a 3-byte integer in a structured clone (yyyymmdd takes 4).
 */
export function epochDay(t: number): number {
  return Math.floor(t / DAY_MS);
}

/** The first day inside the window at time `now`: rows of earlier days are pruned. */
export function windowStart(now: number): number {
  return epochDay(now) - PROMPT_WINDOW_DAYS;
}

/** The `captured` row of a prompt recorded at `now` in the conversation `ref`. */
export function capturedRow(now: number, ref: number): CapturedRow {
  return [epochDay(now), ref];
}

/**
 * The `captured` key and row that lib/db/write.ts addPrompt writes for the prompt `id`
 * (`${site}:${key}`) of `conversationId` recorded at `now`; the storage benchmark reuses it.
 */
export function capturedEntry(
  id: string,
  conversationId: string,
  now: number,
): [key: number, row: CapturedRow] {
  return [storageKey(id), capturedRow(now, conversationRef(conversationId))];
}

/**
 * Deletes the `captured` rows recorded before the window, in PRUNE_CHUNK-row transactions
 * over the key order (`captured` only: interactions, pending prompts, rollups and
 * conversations are never touched). Returns how many rows it deleted.
 */
export async function pruneCaptured(database: TokenprintDB, now: number): Promise<number> {
  const start = windowStart(now);
  const table = database.captured;
  let after: number | null = null;
  let deleted = 0;
  for (;;) {
    const { read, last, stale } = await database.transaction('rw', table, async () => {
      const range = after === null ? table.toCollection() : table.where(':id').above(after);
      // Two reads of the same range in one transaction see the same rows: keys and values
      // by getAll, faster than a cursor in Chromium.
      const [keys, rows] = await Promise.all([
        range.clone().limit(PRUNE_CHUNK).primaryKeys(),
        range.clone().limit(PRUNE_CHUNK).toArray(),
      ]);
      const old = keys.filter((_, i) => isStale(rows[i], start));
      await table.bulkDelete(old);
      return { read: keys.length, last: keys.at(-1) ?? null, stale: old.length };
    });
    deleted += stale;
    if (read < PRUNE_CHUNK || last === null) return deleted;
    after = last;
  }
}

/** A row of an earlier day; a row of another shape (none since v6) is kept. */
function isStale(row: CapturedRow | undefined, start: number): boolean {
  return Array.isArray(row) && row[0] < start;
}

/**
 * When the last prune ran, per database name (chrome.storage.local: one small item read once
 * per worker start, not per capture).
 */
const prunedAt = (name: string) =>
  storage.defineItem<number>(`local:capturedPrunedAt:${name}`, { fallback: 0 });

/** Next prune time per open database, in memory: checking it costs no I/O. */
const due = new WeakMap<TokenprintDB, number>();

/**
 * Prunes `captured` if the last prune is PRUNE_EVERY_MS old or more; else does nothing.
 * Called at worker start and after each recorded prompt: after the first call in a worker's
 * life the check is one map lookup. Returns the rows deleted (0 when not due).
 */
export async function pruneIfDue(database: TokenprintDB, now = Date.now()): Promise<number> {
  let next = due.get(database);
  if (next === undefined) {
    next = (await prunedAt(database.name).getValue()) + PRUNE_EVERY_MS;
    // Two calls racing through the read above: the first one to get here runs the prune.
    next = due.get(database) ?? next;
  }
  if (now < next) {
    due.set(database, next);
    return 0;
  }
  // Claimed before the await: one prune at a time. A prune that fails keeps the claim (no
  // retry on every capture) and is tried again at the next worker start, as the stored time
  // is written only after a prune completes.
  due.set(database, now + PRUNE_EVERY_MS);
  const deleted = await pruneCaptured(database, now);
  await prunedAt(database.name).setValue(now);
  return deleted;
}
