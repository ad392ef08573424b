import type Dexie from 'dexie';
import type { EntityTable } from 'dexie';
import type { SiteId } from '../shared/types';

/**
 * The shapes of the stored rows and of the database's tables, apart from the Dexie class
 * (./schema.ts) so the modules it runs (upgrades, rollups) can name them without a cycle.
 */

/**
 * `[at, site, conversation, model, inputTokens, outputTokens, reasoningTokens?, exchange?]`.
 * `exchange` (2026-12-03, issue #14): the EXCHANGE_FIELDS in order, -1 for unknown, text
 * values as their index, trailing unknowns trimmed; `reasoningTokens` is then -1 when none.
 * Older rows (6 or 7 slots) read as all unknown, so no upgrade is needed.
 */
export type StoredInteraction =
  | [number, number, number, string, number, number]
  | [number, number, number, string, number, number, number]
  | [number, number, number, string, number, number, number, number[]];

/**
 * One interaction: a completed response and the prompt that led to it.
 * Counts and metadata only — never any text. Estimates are not stored: they are derived
 * from the token counts and the current assumptions, so changing an assumption
 * recomputes history exactly. Stored under storageKey as a StoredInteraction array
 * (lib/db/rows.ts says why and converts).
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
  /**
   * Hidden reasoning duration (ms), and how it was found; `thinkHow` alone says why it is
   * unknown ('unparsed', or 'none' for a reasoning model that showed no time). A model that
   * does not reason records thinkMs 0, 'none': known, so the rollups count it.
   */
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
 * `captured`: one row per prompt key recorded, kept after its pending prompt is paired, so a
 * re-delivered prompt is a duplicate (responses need none: their interaction is the memory).
 * Key: storageKey (v4); value (v6): the UTC day recorded, which bounds it to a window
 * (lib/db/window.ts), and its conversation's ref (lib/db/rows.ts conversationRef).
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

/** The tables, as every module but ./schema.ts names the database. */
export interface Tables {
  /** Outbound key: storageKey(`${site}:${response key}`) (lib/db/keys.ts). */
  interactions: Dexie.Table<StoredInteraction, number>;
  prompts: EntityTable<PendingPromptRow, 'id'>;
  daily: Dexie.Table<DailyRow, [number, SiteId, string]>;
  /** Outbound key: storageKey(`${site}:${prompt key}`). */
  captured: Dexie.Table<CapturedRow, number>;
  /** Conversation ids by ref (lib/db/rows.ts conversationRef): rows point here. */
  conversations: Dexie.Table<string, number>;
}
export type TokenprintDB = Dexie & Tables;
