import Dexie, { type EntityTable } from 'dexie';
import { keepRecentCopy } from './recent';
import type { SiteId } from '../types';
import { upgradeToV3 } from './upgrade-2026-11-23-v3';
import { rekeyToV4, renameV4 } from './upgrade-2026-11-23-v4';
import { stampCapturedV6 } from './upgrade-2026-11-23-v6';
import { upgradeToV2 } from './upgrade-2026-11-23';
import type { StoredInteraction } from './rows';

/**
 * One interaction: a completed response and the prompt that led to it.
 * Counts and metadata only — never any text. Estimates are not stored: they are derived
 * from the token counts and the current assumptions, so changing an assumption
 * recomputes history exactly.
 *
 * Since schema v4 it is stored under an outbound number key, storageKey(`${site}:${key}`)
 * (lib/db/keys.ts), as a StoredInteraction array with its conversation id interned in
 * `conversations` (lib/db/rows.ts says why and converts).
 */
export interface InteractionRow {
  /** Epoch ms of the response's completion. */
  at: number;
  site: SiteId;
  conversationId: string | null;
  /** Catalogue model id, or 'unknown' when the page showed none. */
  model: string;
  inputTokens: number;
  /** All output tokens, reasoning included. */
  outputTokens: number;
  /** Of outputTokens, how many were visible reasoning (Le Chat "Think"); omitted when none. */
  reasoningTokens?: number;
  // The whole exchange (issue #14). Each omitted when unknown: rows before 2026-12 never
  // invent them. Counts and durations only, never text.
  /** Tokens of conversation re-read as input (turns above the prompt on its branch). */
  contextTokens?: number;
  /** 'tap': the branch as the page's data holds it; 'dom': the rendered turns (a lower bound). */
  contextFrom?: 'tap' | 'dom';
  /** Hidden reasoning duration (ms), and how it was found; `thinkHow` alone says why none. */
  thinkMs?: number;
  thinkHow?: 'duration' | 'label' | 'timing' | 'none' | 'unparsed' | 'capped';
  /** Measured: prompt sent → first visible token, and first → last token (ms). */
  ttftMs?: number;
  streamMs?: number;
  /** Generated images; tokens of files attached to this prompt (exact); files known only by kind; tool calls. */
  images?: number;
  fileTokens?: number;
  filesGuessed?: number;
  searches?: number;
}

/** An interaction with its storage key (what import writes and export reads). */
export type KeyedInteraction = InteractionRow & { key: number };

/** An interaction row of schemas v1–v3: keyed by its message id (upgrades read these). */
export type InteractionRowV3 = InteractionRow & {
  /** `${site}:${response key}` */
  id: string;
};

/** A prompt seen but not yet paired with its response. */
export interface PendingPromptRow {
  id: string;
  at: number;
  site: SiteId;
  /** '' for chats without an id in the URL (IndexedDB cannot index null). */
  conversationId: string;
  tokens: number;
}

/**
 * Daily rollup, maintained in the same transaction as every write to `interactions`
 * (and on prompt capture for `prompts`). The popup reads these, never the raw rows,
 * so it opens in O(days) even with years of history.
 */
export interface DailyRow {
  /** Local calendar day as yyyymmdd (e.g. 20261123). */
  day: number;
  site: SiteId;
  model: string;
  /** Prompts captured (paired or not). */
  prompts: number;
  /** Interactions (completed responses). */
  count: number;
  inputTokens: number;
  /** Σ inputTokens² over the day's interactions (see UsageAggregate). */
  inputTokensSq: number;
  outputTokens: number;
  /** Issue #14 sums (UsageAggregate's optional fields, same names); absent in older rows. */
  contextTokens?: number;
  contextRows?: number;
  fullInputSq?: number;
  thinkMs?: number;
  thinkRows?: number;
  thinkVisible?: number;
  streamMs?: number;
  streamRows?: number;
  images?: number;
  fileTokens?: number;
  filesGuessed?: number;
  searches?: number;
}

/**
 * `captured`: one row per prompt key the background has recorded, kept after a pending
 * prompt is paired and deleted, so a re-delivered or re-captured prompt is recognised as a
 * duplicate. Responses have no row here: their `interactions` row is their memory (schema
 * v3). Key: storageKey(`${site}:${key}`) (schema v4). Value (schema v6): the UTC day number
 * it was recorded and its conversation's ref (lib/db/rows.ts conversationRef). The key is
 * the memory; the day bounds it to a window (lib/db/window.ts: rows older than 90 days
 * are pruned); the ref says where (tests and tools read it through readableRows).
 */
export type CapturedRow = [day: number, conversation: number];

/** A `captured` row of schemas v4–v5: the conversation's ref only. */
export type CapturedRowV4 = number;

/** A `captured` row of schemas v2–v3. */
export interface CapturedRowV3 {
  /** `${site}:${key}`, the same id as the interaction or pending prompt it produced. */
  id: string;
  site: SiteId;
  conversationId: string;
  kind: 'prompt' | 'response';
  at: number;
}

export class TokenprintDB extends Dexie {
  /** Outbound key: storageKey(`${site}:${response key}`) (lib/db/keys.ts). */
  interactions!: Dexie.Table<StoredInteraction, number>;
  prompts!: EntityTable<PendingPromptRow, 'id'>;
  daily!: Dexie.Table<DailyRow, [number, SiteId, string]>;
  /** Outbound key: storageKey(`${site}:${prompt key}`). */
  captured!: Dexie.Table<CapturedRow, number>;
  /** Conversation ids by ref (lib/db/rows.ts conversationRef): rows point here. */
  conversations!: Dexie.Table<string, number>;

  constructor(name = 'tokenprint') {
    super(name);
    // Schema lists only indexed fields.
    this.version(1).stores({
      interactions: 'id, at',
      prompts: 'id, at, [site+conversationId]',
      daily: '[day+site+model], day',
    });
    // 2026-11-23: keys already recorded (idempotent capture across pairing and reloads).
    this.version(2).stores({ captured: 'id, [site+conversationId]' }).upgrade(upgradeToV2);
    // 2026-11-23: no index nobody queries. Every index entry repeats the row's uuid-shaped
    // primary key (UTF-16 in Chromium's IndexedDB), so the `at` index and the `captured`
    // compound index were most of the bytes per interaction. Export sorts by time in
    // memory; the rollups hold the time series.
    // Responses need no `captured` row either: their interaction row (never deleted but by
    // "Delete all data") already says they were recorded.
    this.version(3).stores({ interactions: 'id', captured: 'id' }).upgrade(upgradeToV3);
    // 2026-11-23, schema v4: number keys (storageKey, lib/db/keys.ts) instead of the message
    // ids (UTF-16 string keys, and the id again in the row), rows as arrays, conversation ids
    // interned (lib/db/rows.ts), to bring storage per interaction under its 150 B target.
    // Dexie cannot change a primary key in place, so v4 re-keys into new stores and v5 puts
    // them back under their names (the stores' names are what tools and tests read).
    // `prompts` keeps its string ids: it holds only prompts still waiting for a response.
    this.version(4)
      .stores({
        interactions: null,
        captured: null,
        interactionsV4: '',
        capturedV4: '',
        conversations: '',
      })
      .upgrade(rekeyToV4);
    this.version(5)
      .stores({ interactionsV4: null, capturedV4: null, interactions: '', captured: '' })
      .upgrade(renameV4);
    // 2026-11-23, schema v6: prompt keys kept for a window, not forever (lib/db/window.ts):
    // each `captured` row gets the day it was recorded; v4 rows count as recorded today.
    this.version(6).stores({}).upgrade(stampCapturedV6);
  }
}

let instance: TokenprintDB | undefined;
/** The extension's one database (opened lazily; extension origin only, never a content script). */
export function db(): TokenprintDB {
  if (!instance) {
    instance = new TokenprintDB();
    // The popup's first paint reads a copy of the recent rollups (./recent.ts).
    keepRecentCopy(instance);
  }
  return instance;
}

// In a Dexie-free module for the popup's first paint; importers here keep working.
export { localDay } from './day';
