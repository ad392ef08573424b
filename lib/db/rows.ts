import { SITE_IDS, type SiteId } from '../shared/types';
import { storageKey } from './keys';
import { ENUMS, EXCHANGE_FIELDS } from './exchange';
import type {
  CapturedRow,
  InteractionRow,
  KeyedInteraction,
  StoredInteraction,
  TokenprintDB,
} from './types';

export type { StoredInteraction } from './types';

/**
 * How `interactions`, `captured` and `conversations` rows are stored since schema v4; the
 * rest of the code sees InteractionRow. Arrays and interned conversation ids, because a V8
 * structured clone repeats every property name in every row and Snappy hardly shrinks uuids.
 */

/** The packed exchange slot, or undefined when every field is unknown. */
function packExchange(r: InteractionRow): number[] | undefined {
  const packed = EXCHANGE_FIELDS.map((f) => {
    const v = r[f];
    if (v === undefined) return -1;
    return typeof v === 'string' ? ENUMS[f]!.indexOf(v) : v;
  });
  while (packed.length && packed[packed.length - 1] === -1) packed.pop();
  return packed.length ? packed : undefined;
}

function unpackExchange(packed: readonly number[], row: InteractionRow): void {
  const out = row as unknown as Record<string, unknown>;
  EXCHANGE_FIELDS.forEach((f, i) => {
    const v = packed[i];
    if (v === undefined || v < 0) return;
    const values = ENUMS[f];
    if (!values) out[f] = v;
    else if (values[v] !== undefined) out[f] = values[v];
  });
}

/**
 * The `conversations` key of a conversation id: storageKey of the id, 0 for none (a chat
 * without an id in its URL; '' and null are kept apart). A collision of two conversation ids
 * (15k conversations in five years: ~10⁻⁸) would show one row under the other conversation
 * in an export; counts and duplicate detection never depend on it.
 */
export function conversationRef(id: string | null): number {
  return id === null ? 0 : storageKey(`conversation:${id}`);
}

export function encodeInteraction(r: InteractionRow): StoredInteraction {
  const site = SITE_IDS.indexOf(r.site);
  const conv = conversationRef(r.conversationId);
  const base: StoredInteraction = [r.at, site, conv, r.model, r.inputTokens, r.outputTokens];
  const exchange = packExchange(r);
  if (exchange) return [...base, r.reasoningTokens ?? -1, exchange];
  return r.reasoningTokens === undefined ? base : [...base, r.reasoningTokens];
}

/**
 * The row of a stored interaction; `conversations` maps refs to ids (a ref it lacks reads
 * as null: only the export and the test readers need the id back).
 */
export function decodeInteraction(
  v: StoredInteraction,
  conversations: ReadonlyMap<number, string> = new Map(),
): InteractionRow {
  const [at, site, conv, model, inputTokens, outputTokens, reasoningTokens, exchange] = v;
  const row: InteractionRow = {
    at,
    site: SITE_IDS[site] as SiteId,
    conversationId: conversations.get(conv) ?? null,
    model,
    inputTokens,
    outputTokens,
  };
  if (reasoningTokens !== undefined && reasoningTokens >= 0) row.reasoningTokens = reasoningTokens;
  if (Array.isArray(exchange)) unpackExchange(exchange, row);
  return row;
}

/**
 * Rows for the `conversations` store: each id under its ref (put is idempotent, so writing
 * an id already there costs nothing but the write). Must run inside a transaction that
 * includes `conversations`.
 */
export async function internConversations(
  database: TokenprintDB,
  ids: readonly (string | null)[],
): Promise<void> {
  const distinct = [...new Set(ids.filter((c): c is string => c !== null))];
  if (distinct.length === 0) return;
  await database.conversations.bulkPut(distinct, distinct.map(conversationRef));
}

/** Every interaction with its key, in key order (one read transaction). */
export async function allInteractions(database: TokenprintDB): Promise<KeyedInteraction[]> {
  const tables = [database.interactions, database.conversations];
  return database.transaction('r', tables, async () => {
    const [keys, values, convKeys, convIds] = await Promise.all([
      database.interactions.toCollection().primaryKeys(),
      database.interactions.toArray(),
      database.conversations.toCollection().primaryKeys(),
      database.conversations.toArray(),
    ]);
    const conversations = new Map(convKeys.map((k, i) => [k, convIds[i]!]));
    return values.map((v, i) => ({ ...decodeInteraction(v, conversations), key: keys[i]! }));
  });
}

/** One recorded interaction by its message id `${site}:${key}`. */
export async function getInteraction(
  database: TokenprintDB,
  id: string,
): Promise<InteractionRow | undefined> {
  const tables = [database.interactions, database.conversations];
  return database.transaction('r', tables, async () => {
    const v = await database.interactions.get(storageKey(id));
    if (v === undefined) return undefined;
    const conversationId = await database.conversations.get(v[2]);
    return decodeInteraction(
      v,
      new Map(conversationId === undefined ? [] : [[v[2], conversationId]]),
    );
  });
}

/**
 * Raw rows of a store read from a browser (getAll) in the readable shape of schema v3 —
 * for tests and tools that look at the database from outside: `interactions` rows as
 * InteractionRow, `captured` rows as `{ conversationId, day }` ('' for chats without an id;
 * `day`: the UTC day number it was recorded, schema v6) or `{ conversationId }` (v4–v5).
 * Rows of other stores, and rows of a database not yet upgraded to v4, come back as they are.
 */
export function readableRows(
  store: string,
  rows: unknown[],
  conversations: ReadonlyMap<number, string>,
): Record<string, unknown>[] {
  return rows.map((v) => {
    if (store === 'interactions' && Array.isArray(v))
      return { ...decodeInteraction(v as StoredInteraction, conversations) };
    if (store === 'captured' && Array.isArray(v)) {
      const [day, ref] = v as CapturedRow;
      return { conversationId: conversations.get(ref) ?? '', day };
    }
    if (store === 'captured' && typeof v === 'number')
      return { conversationId: conversations.get(v) ?? '' };
    return v as Record<string, unknown>;
  });
}
