import type { Transaction } from 'dexie';
import type { CapturedRowV3 } from './types';

/**
 * Schema v2 → v3 (2026-11-23): uuid-shaped ids repeated in index entries and in `captured`
 * kept storage far over its target. Drops the unqueried indexes (schema.ts) and the
 * `captured` rows of responses, which their `interactions` row already records.
 */
export async function upgradeToV3(tx: Transaction): Promise<void> {
  await tx
    .table<CapturedRowV3, string>('captured')
    .filter((r) => r.kind === 'response')
    .delete();
}
