import Dexie, { type EntityTable } from 'dexie';
import type { SiteId } from '../types';

/**
 * One interaction: a completed response and the prompt that led to it.
 * Counts and metadata only — never any text. Estimates are not stored: they are derived
 * from the token counts and the current assumptions, so changing an assumption
 * recomputes history exactly.
 */
export interface InteractionRow {
  /** `${site}:${response key}` */
  id: string;
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
}

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
}

export class TokenprintDB extends Dexie {
  interactions!: EntityTable<InteractionRow, 'id'>;
  prompts!: EntityTable<PendingPromptRow, 'id'>;
  daily!: Dexie.Table<DailyRow, [number, SiteId, string]>;

  constructor(name = 'tokenprint') {
    super(name);
    // Schema lists only indexed fields.
    this.version(1).stores({
      interactions: 'id, at',
      prompts: 'id, at, [site+conversationId]',
      daily: '[day+site+model], day',
    });
  }
}

let instance: TokenprintDB | undefined;
/** The extension's one database (opened lazily; extension origin only, never a content script). */
export function db(): TokenprintDB {
  instance ??= new TokenprintDB();
  return instance;
}

/** yyyymmdd of the local calendar day containing `t` (epoch ms). */
export function localDay(t: number): number {
  const d = new Date(t);
  return d.getFullYear() * 10000 + (d.getMonth() + 1) * 100 + d.getDate();
}
