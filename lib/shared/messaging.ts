import { defineExtensionMessaging } from '@webext-core/messaging';
import type { SourceStates } from './health';
import type { SiteId } from './types';

/** Largest text one capture may carry (10 MB of UTF-16); the worker rejects more, never truncates silently. */
export const MAX_TEXT_LENGTH = 10_000_000;

/**
 * One captured turn, sent by a content script to the background.
 * `text` is tokenized in the background and then dropped: it is never stored.
 */
export interface CaptureMessage {
  v: 1;
  site: SiteId;
  kind: 'prompt' | 'response';
  /** De-duplication key, stable across re-renders and reloads (site message id or a hash). */
  key: string;
  conversationId: string | null;
  /** The model label the page shows, raw (e.g. "gpt-4o", "Sonnet 4.5"), or null. */
  modelLabel: string | null;
  /** Epoch milliseconds at which the content script saw the turn complete. */
  at: number;
  /** The prompt's text, or the response's answer text (visible reasoning excluded). */
  text: string;
  /** Responses only: visible reasoning shown apart from the answer (Le Chat "Think"). */
  reasoning?: string;
  /** Responses only: key of the prompt this response answers, when the page shows it. */
  promptKey?: string;
  /** Which sources saw the turn: the page's DOM, its traffic, or both. */
  sources?: CaptureSource[];
  /** Responses only: what the page's traffic measured of the exchange (issue #14); counts only. */
  measured?: Measured;
  /** The turn's place in its conversation, for counting the context of later replies (issue #14). */
  ctx?: CaptureContext;
}

/**
 * Where a captured turn sits in the context ledger (lib/content/capture/context.ts): the
 * worker notes the turn's token count under its key (the text itself is dropped), and sums a
 * response's context from the counts it holds along the branch.
 */
export interface CaptureContext {
  /** The ledger's name for the conversation: its id, or a new chat's stand-in for this page visit. */
  conv: string;
  /** The turn this one follows on its branch (a reply: its prompt), null at the root. */
  parent: string | null;
  /** Responses: the context is the branch from this turn up to its root; null when empty. */
  anchor?: string | null;
  /** Responses: 'tap' when the whole branch is known, 'dom' when it is a lower bound. */
  from?: 'tap' | 'dom';
  /** Responses: text extracted from files attached to the prompt (tokenized as fileTokens). */
  files?: string[];
}

/** Most turns one context message carries (a slice of a long conversation). */
export const MAX_CONTEXT_TURNS = 5000;

/**
 * History turns the worker has not counted, sent before the reply whose context needs them.
 * A turn without `text` asks whether the worker holds its count (the ack lists those it does
 * not); one with text is tokenized, its count kept (never the text).
 */
export interface ContextMessage {
  v: 1;
  site: SiteId;
  conv: string;
  turns: ContextTurn[];
}

export interface ContextTurn {
  key: string;
  parent: string | null;
  text?: string;
}

export interface ContextAck {
  ok: boolean;
  error?: string;
  /** Keys of the message's turns the worker holds no count for. */
  missing?: string[];
}

/**
 * Facts of one exchange as the content script saw them. `thinkMs` is raw (the worker caps
 * and flags it); the worker derives the stored fields (lib/db/exchange.ts). `thinkFrom`:
 * the traffic's duration, the page's label, or 'unparsed' (a label with no time it reads;
 * then no `thinkMs`).
 */
export interface Measured {
  thinkMs?: number;
  thinkFrom?: 'duration' | 'label' | 'unparsed';
  ttftMs?: number;
  streamMs?: number;
  images?: number;
  searches?: number;
  filesGuessed?: number;
}

export type CaptureSource = 'dom' | 'tap';

export interface CaptureAck {
  ok: boolean;
  /** True when the key had been recorded before (idempotent re-delivery). */
  duplicate?: boolean;
  error?: string;
  /**
   * A newly recorded response's gCO2e, only when the user turned on the per-response badge
   * (issue #6; lib/content/ResponseBadge.ts shows it).
   */
  gco2e?: { min: number; central: number; max: number };
}

/** What a content script reports about its own tab (the background adds tab id and time). */
export interface HealthReport {
  v: 1;
  site: SiteId;
  state: 'working' | 'broken';
  turns: number;
  detail?: string;
  sources?: SourceStates;
}

interface ProtocolMap {
  capture(msg: CaptureMessage): CaptureAck;
  health(report: HealthReport): CaptureAck;
  context(msg: ContextMessage): ContextAck;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
