/**
 * A copy of the newest recorded reply's counts in extension storage, for the popup's
 * long-chat hint (issue #14): `interactions` has no time index (schema v3), so finding the
 * newest row would read them all. Every write to `interactions` offers its newest row; a
 * clear removes the copy. Counts only, never text. Type-only Dexie import, as ./recent.ts.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import { browser } from 'wxt/browser';
import { SITE_IDS, type SiteId } from '../shared/types';
import { EXCHANGE_FIELDS } from './exchange';
import type { StoredInteraction, TokenprintDB } from './types';

/** The copy's extension storage key. */
export const LAST_REPLY_KEY = 'lastReply';

/** What LAST_REPLY_KEY holds: the newest reply's counts (contextTokens absent when unknown). */
export interface LastReply {
  v: 1;
  at: number;
  site: SiteId;
  /** The conversation's ref (lib/db/rows.ts conversationRef), not its id. */
  conversation: number;
  model: string;
  inputTokens: number;
  outputTokens: number;
  contextTokens?: number;
  fileTokens?: number;
}

const isCount = (x: unknown): x is number =>
  typeof x === 'number' && Number.isFinite(x) && x >= 0 && Math.floor(x) === x;

/** The copy, checked; null when absent or malformed (the hint then shows nothing). */
export function lastReplyFromStorage(v: unknown): LastReply | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (o.v !== 1 || !(SITE_IDS as readonly unknown[]).includes(o.site)) return null;
  if (typeof o.model !== 'string' || !Number.isFinite(o.conversation)) return null;
  if (![o.at, o.inputTokens, o.outputTokens].every(isCount)) return null;
  for (const k of ['contextTokens', 'fileTokens'] as const)
    if (o[k] !== undefined && !isCount(o[k])) return null;
  return o as unknown as LastReply;
}

const CONTEXT = EXCHANGE_FIELDS.indexOf('contextTokens');
const FILES = EXCHANGE_FIELDS.indexOf('fileTokens');

/**
 * The copy of a stored interaction row (lib/db/rows.ts's packing: the exchange slot holds
 * the EXCHANGE_FIELDS in order, -1 unknown), read without the row codec so the popup's
 * first paint, which imports this module, stays small.
 */
export function lastReplyOf(v: StoredInteraction): LastReply {
  const [at, site, conversation, model, inputTokens, outputTokens, , exchange] = v;
  const known = (i: number) =>
    Array.isArray(exchange) && exchange[i]! >= 0 ? exchange[i] : undefined;
  const context = known(CONTEXT);
  const files = known(FILES);
  return {
    v: 1,
    at,
    site: SITE_IDS[site] as SiteId,
    conversation,
    model,
    inputTokens,
    outputTokens,
    ...(context !== undefined ? { contextTokens: context } : {}),
    ...(files !== undefined ? { fileTokens: files } : {}),
  };
}

/** Stores `row` unless the copy already holds a newer reply (an import of older history). */
async function offer(row: StoredInteraction): Promise<void> {
  const got = await browser.storage.local.get(LAST_REPLY_KEY);
  const cur = lastReplyFromStorage(got[LAST_REPLY_KEY]);
  if (cur && cur.at > row[0]) return;
  await browser.storage.local.set({ [LAST_REPLY_KEY]: lastReplyOf(row) });
}

/**
 * A Dexie middleware: after a write to `interactions` commits, its newest row is offered to
 * the copy; after a delete commits, the copy is removed. Nothing runs inside the writer's
 * transaction but a scan of the rows it writes.
 */
export function keepLastReply(database: TokenprintDB): void {
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'tokenprint:last-reply',
    create: (down) => ({
      ...down,
      table(name: string): DBCoreTable {
        const table = down.table(name);
        if (name !== 'interactions') return table;
        return {
          ...table,
          mutate(req: DBCoreMutateRequest) {
            let after: (() => Promise<void>) | null = null;
            if (req.type === 'add' || req.type === 'put') {
              let newest: StoredInteraction | undefined;
              for (const v of req.values as StoredInteraction[])
                if (Array.isArray(v) && (!newest || v[0] > newest[0])) newest = v;
              if (newest) after = () => offer(newest);
            } else {
              after = () => browser.storage.local.remove(LAST_REPLY_KEY);
            }
            if (after) {
              const run = after;
              // Dexie's DBCore transaction is the IndexedDB transaction itself.
              const idb = req.trans as unknown as IDBTransaction;
              idb.addEventListener('complete', () => void run().catch(() => undefined));
            }
            return table.mutate(req);
          },
        };
      },
    }),
  };
  database.use(middleware);
}
