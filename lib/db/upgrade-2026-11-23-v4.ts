import type { Transaction } from 'dexie';
import { storageKey } from './keys';
import { conversationRef, encodeInteraction, type StoredInteraction } from './rows';
import type { CapturedRowV3, CapturedRowV4, InteractionRowV3 } from './types';

/**
 * Schema v3 → v4 (2026-11-23): rows keyed by storageKey(id) (lib/db/keys.ts) instead of the
 * UTF-16 message id, stored as arrays with conversation ids interned (lib/db/rows.ts).
 * Dexie cannot change a primary key, so v4 copies into `interactionsV4` / `capturedV4` and v5
 * copies back into new `interactions` / `captured`, in one upgrade transaction; no row is lost.
 */
export async function rekeyToV4(tx: Transaction): Promise<void> {
  const interactions = (await tx.table('interactions').toArray()) as InteractionRowV3[];
  await tx.table<StoredInteraction, number>('interactionsV4').bulkPut(
    interactions.map(({ id: _id, ...row }) => encodeInteraction(row)),
    interactions.map((r) => storageKey(r.id)),
  );
  // v3 keeps prompt keys only (its upgrade dropped the response rows); a v2 row of a
  // response, had one survived, is kept too: it stays a recorded key either way.
  const captured = (await tx.table('captured').toArray()) as CapturedRowV3[];
  await tx.table<CapturedRowV4, number>('capturedV4').bulkPut(
    captured.map((c) => conversationRef(c.conversationId)),
    captured.map((c) => storageKey(c.id)),
  );
  const ids = [
    ...new Set([
      ...interactions.flatMap((r) => (r.conversationId === null ? [] : [r.conversationId])),
      ...captured.map((c) => c.conversationId),
    ]),
  ];
  await tx.table<string, number>('conversations').bulkPut(ids, ids.map(conversationRef));
}

/** v4 → v5: the re-keyed stores back under their names (see rekeyToV4). */
export async function renameV4(tx: Transaction): Promise<void> {
  for (const [from, to] of [
    ['interactionsV4', 'interactions'],
    ['capturedV4', 'captured'],
  ] as const) {
    const source = tx.table(from);
    const [keys, rows] = await Promise.all([source.toCollection().primaryKeys(), source.toArray()]);
    await tx.table(to).bulkPut(rows, keys);
  }
}
