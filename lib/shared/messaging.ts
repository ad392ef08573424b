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
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
