import type { Transaction } from 'dexie';
import type { CapturedRow, CapturedRowV4 } from './types';
import { capturedRow } from './window';

/**
 * Schema v5 → v6 (2026-11-23): `captured` becomes a window (lib/db/window.ts). A v4 row holds
 * its conversation's ref only and says nothing of its age, so every row counts as recorded
 * on the upgrade day: the memory of prompts counted before the upgrade lasts the full window
 * from then (never shorter than it would have been), and the daily prune empties it of them
 * 90 days later. Rows already in the v6 shape (none expected) are left as they are. Nothing
 * else changes.
 */
export async function stampCapturedV6(tx: Transaction, now = Date.now()): Promise<void> {
  const table = tx.table<CapturedRowV4 | CapturedRow, number>('captured');
  const [keys, rows] = await Promise.all([table.toCollection().primaryKeys(), table.toArray()]);
  const stamped = rows.map((r) => (Array.isArray(r) ? r : capturedRow(now, r)));
  await table.bulkPut(stamped, keys);
}
