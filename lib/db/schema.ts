import Dexie, { type EntityTable } from 'dexie';
import type { SiteId } from '../types';

/**
 * One interaction: a completed response and the prompt that led to it.
 * Counts and metadata only — never any text.
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
  outputTokens: number;
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

export class TokenprintDB extends Dexie {
  interactions!: EntityTable<InteractionRow, 'id'>;
  prompts!: EntityTable<PendingPromptRow, 'id'>;

  constructor(name = 'tokenprint') {
    super(name);
    // Schema lists only indexed fields.
    this.version(1).stores({
      interactions: 'id, at',
      prompts: 'id, at, [site+conversationId]',
    });
  }
}

let instance: TokenprintDB | undefined;
/** The extension's one database (opened lazily; extension origin only, never a content script). */
export function db(): TokenprintDB {
  instance ??= new TokenprintDB();
  return instance;
}
