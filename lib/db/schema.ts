import Dexie, { type EntityTable } from 'dexie';
import type { SiteId } from '../types';
import { upgradeToV3 } from './upgrade-2026-11-23-v3';
import { upgradeToV2 } from './upgrade-2026-11-23';

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

/**
 * One key the background has recorded (prompt or response), kept after a pending prompt is
 * paired and deleted, so a re-delivered or re-captured message is recognised as a duplicate.
 * This is the per-conversation memory of what was counted (Claude's DOM has no message id:
 * its keys are conversation id + position + text hash, and a reload must not recount them).
 */
export interface CapturedRow {
  /** `${site}:${key}`, the same id as the interaction or pending prompt it produced. */
  id: string;
  site: SiteId;
  /** '' for chats without an id in the URL. */
  conversationId: string;
  kind: 'prompt' | 'response';
  at: number;
}

export class TokenprintDB extends Dexie {
  interactions!: EntityTable<InteractionRow, 'id'>;
  prompts!: EntityTable<PendingPromptRow, 'id'>;
  daily!: Dexie.Table<DailyRow, [number, SiteId, string]>;
  captured!: EntityTable<CapturedRow, 'id'>;

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
    // 2026-11-23: no index nobody queries. Every index entry repeats the row's 40–80-byte
    // uuid-shaped primary key (UTF-16 in Chromium's IndexedDB), so the `at` index and the
    // `captured` compound index cost ~460 B of the ~620 B per interaction the storage
    // benchmark measured. Export sorts by time in memory; the rollups hold the time series.
    // Responses need no `captured` row either: their interaction row (never deleted but by
    // "Delete all data") already says they were recorded.
    this.version(3).stores({ interactions: 'id', captured: 'id' }).upgrade(upgradeToV3);
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
