import type { Transaction } from 'dexie';
import type { CapturedRow, CapturedRowV4 } from './types';
import { capturedRow } from './window';

/**
 * Schema v5 → v6 (2026-11-23): `captured` becomes a window (lib/db/window.ts). A v4 row has no
 * age, so each counts as recorded on the upgrade day: the memory of older prompts lasts the
 * full window from then, never shorter. Rows already in the v6 shape are left as they are.
 */
export async function stampCapturedV6(tx: Transaction, now = Date.now()): Promise<void> {
  const table = tx.table<CapturedRowV4 | CapturedRow, number>('captured');
  const [keys, rows] = await Promise.all([table.toCollection().primaryKeys(), table.toArray()]);
  const stamped = rows.map((r) => (Array.isArray(r) ? r : capturedRow(now, r)));
  await table.bulkPut(stamped, keys);
}
