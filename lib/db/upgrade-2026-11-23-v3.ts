import type { Transaction } from 'dexie';
import type { CapturedRowV3 } from './types';

/**
 * Schema v2 → v3 (2026-11-23): storage per interaction, several times its 150 B target,
 * mostly uuid-shaped ids repeated in index entries and in `captured`. v3 drops the
 * unqueried indexes (declared in schema.ts) and the `captured` rows of responses: a
 * recorded response is known by its `interactions` row.
 * `captured` keeps the prompt keys, whose pending rows are deleted once paired.
 */
export async function upgradeToV3(tx: Transaction): Promise<void> {
  await tx
    .table<CapturedRowV3, string>('captured')
    .filter((r) => r.kind === 'response')
    .delete();
}
