import type { Measured } from '../../shared/messaging';
import type { TapEvent, TapReply } from '../tap/events';
import { WAIT_MS, type Reconciler } from './reconciler';

/** The roles of a conversation the page loaded, as the tap counted them. */
export interface Loaded {
  users: number;
  assistants: number;
}

/**
 * The traffic tap's events, turned into the reconciler's sightings; it also knows whether a
 * stream is open (so the reconciler waits for the tap) and what each loaded conversation held.
 */
export class TapFollower {
  #openStreams = 0;
  #lastClose = 0;
  #repliesInStream = 0;
  // The page may load a conversation before navigating to it: keyed by id, bounded.
  readonly #loaded = new Map<string, Loaded>();

  readonly #reconciler: Reconciler;
  readonly #onReply: () => void;

  constructor(reconciler: Reconciler, onReply: () => void) {
    this.#reconciler = reconciler;
    this.#onReply = onReply;
  }

  /** A reply from the tap is due: a stream is open, or one closed within the wait. */
  expected(): boolean {
    return this.#openStreams > 0 || Date.now() - this.#lastClose < WAIT_MS;
  }

  loadedOf(conversationId: string | null): Loaded | null {
    return (conversationId && this.#loaded.get(conversationId)) || null;
  }

  handle(e: TapEvent): void {
    if (e.t === 'conversation') {
      if (this.#loaded.size > 50) this.#loaded.clear();
      this.#loaded.set(e.conversationId, { users: e.users, assistants: e.assistants });
      return;
    }
    if (e.t === 'open') {
      this.#openStreams++;
      this.#repliesInStream = 0;
    }
    if (e.t === 'close') {
      this.#openStreams = Math.max(0, this.#openStreams - 1);
      if (this.#repliesInStream > 0) this.#lastClose = Date.now();
      else this.#reconciler.releaseDom(); // nothing readable came: the DOM's view stands alone
    }
    if (e.t === 'reply') this.#repliesInStream++;
    if (e.t !== 'prompt' && e.t !== 'reply') return; // anomalies: counted by the tap source
    const at = Date.now();
    this.#reconciler.see(
      e.t === 'prompt'
        ? {
            source: 'tap',
            kind: 'prompt',
            conversationId: e.conversationId,
            id: e.id,
            ...(e.parentId ? { parentRef: e.parentId } : {}),
            text: e.text,
            model: null,
            at,
          }
        : {
            source: 'tap',
            kind: 'response',
            conversationId: e.conversationId,
            id: e.id,
            ...(e.parentId ? { promptRef: e.parentId } : {}),
            text: e.text,
            ...(e.reasoning ? { reasoning: e.reasoning } : {}),
            model: e.model,
            at,
            ...(e.fileTexts?.length ? { files: e.fileTexts } : {}),
            ...measuredOf(e),
          },
    );
    if (e.t === 'reply') this.#onReply();
  }
}

/** What a tap reply measured of its exchange, as the reconciler carries it (none: nothing). */
export function measuredOf(e: TapReply): { measured?: Measured } {
  const m: Measured = {};
  if (e.reasoningMs !== undefined) {
    m.thinkMs = e.reasoningMs;
    m.thinkFrom = 'duration';
  }
  for (const f of ['ttftMs', 'streamMs', 'images', 'searches', 'filesGuessed'] as const)
    if (e[f] !== undefined) m[f] = e[f];
  return Object.keys(m).length ? { measured: m } : {};
}
