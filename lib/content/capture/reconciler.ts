/**
 * One place that decides what gets recorded, whichever source saw a turn first: the DOM
 * observer or the traffic tap. Each prompt and each completed reply is emitted once, with
 * the richer source's facts (the tap's provider text, message id and served model). Pure:
 * no DOM, no browser API; the engine passes the clock and a timer.
 */

import type { Measured } from '../../shared/messaging';
import type { ThinkLabel } from './think-label';

export type Source = 'dom' | 'tap';

/** One source's sighting of a turn. */
export interface Sighting {
  source: Source;
  kind: 'prompt' | 'response';
  conversationId: string | null;
  /** The provider's message id, when the source knows it. */
  id: string | null;
  /** The DOM tracker's key (DOM sightings). */
  domKey?: string;
  /** Responses: the prompt it answers (tap: the parent id; DOM: the prompt's DOM key). */
  promptRef?: string;
  /** Prompts: the message it follows, when the traffic names it (the context ledger's link). */
  parentRef?: string;
  /** Responses: text extracted from files attached to the prompt (tap). */
  files?: string[];
  text: string;
  reasoning?: string;
  /**
   * Reads the text when it is needed (DOM sightings): a turn the tap also saw is recorded
   * with the tap's text, and walking a long reply's nodes would be wasted work in the page.
   */
  readText?: () => { text: string; reasoning?: string };
  /** The visible reasoning alone, where the page shows it apart (Le Chat). */
  readReasoning?: () => string | undefined;
  model: string | null;
  at: number;
  /** Responses: what the traffic measured of the exchange (tap sightings). */
  measured?: Measured;
  /** Reads the page's reasoning label (DOM sightings): only when the traffic gave no duration. */
  readThink?: () => ThinkLabel | null;
  /** What the engine needs back for this sighting (the DOM element, for the badge). */
  anchor?: unknown;
}

/** What the engine records: one per prompt or reply. */
export interface Decision {
  kind: 'prompt' | 'response';
  key: string;
  conversationId: string | null;
  text: string;
  reasoning?: string;
  model: string | null;
  at: number;
  promptKey?: string;
  /** For the context ledger: the traffic's parent of a prompt, the DOM's key, attached files. */
  parentRef?: string;
  domKey?: string;
  files?: string[];
  sources: Source[];
  measured?: Measured;
  anchor?: unknown;
}

interface Slot {
  kind: 'prompt' | 'response';
  dom?: Sighting;
  tap?: Sighting;
  created: number;
  key?: string;
  timer?: unknown;
}

export interface ReconcilerOptions {
  emit(d: Decision): void;
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Whether the tap has a reply stream open or just closed: a DOM sighting then waits for it. */
  tapExpected(): boolean;
}

/** How long a sighting waits for the other source before it is recorded alone. */
export const WAIT_MS = 3000;
/** How long a recorded turn can still absorb the other source's late sighting of it. */
export const MATCH_MS = 20_000;
/** Replies in a row seen by one source only before health calls the other one broken. */
export const ALONE_STREAK = 2;

export class Reconciler {
  #slots: Slot[] = [];
  #tapIds = new Set<string>();
  #alone: Record<Source, number> = { dom: 0, tap: 0 };
  #counted: Record<Source, number> = { dom: 0, tap: 0 };
  #seq = 0;

  readonly #opts: ReconcilerOptions;

  constructor(opts: ReconcilerOptions) {
    this.#opts = opts;
  }

  /** Replies in a row only this source saw (the other missed them). */
  aloneStreak(source: Source): number {
    return this.#alone[source];
  }

  /** Replies this source saw, alone or matched. */
  replies(source: Source): number {
    return this.#counted[source];
  }

  /** Message ids the tap has seen the provider stream: a DOM turn with one is the same turn. */
  hasTapId(id: string): boolean {
    return this.#tapIds.has(id);
  }

  see(s: Sighting): void {
    this.#closeOld();
    if (s.kind === 'response') this.#counted[s.source]++;
    if (s.source === 'tap' && s.id) this.#tapIds.add(s.id);
    const slot = this.#partner(s);
    if (slot) {
      slot[s.source] = s;
      if (s.kind === 'response') this.#alone = { dom: 0, tap: 0 };
      if (slot.key === undefined) this.#decide(slot);
      return;
    }
    const fresh: Slot = { kind: s.kind, [s.source]: s, created: this.#opts.now() };
    this.#slots.push(fresh);
    const wait = s.source === 'dom' ? this.#opts.tapExpected() : true;
    if (!wait) this.#decide(fresh);
    else fresh.timer = this.#opts.setTimeout(() => this.#decide(fresh), WAIT_MS);
  }

  /** The tap closed a stream without a reply: DOM sightings waiting for it are recorded now. */
  releaseDom(): void {
    for (const s of this.#slots)
      if (s.key === undefined && s.dom && !s.tap && !this.#opts.tapExpected()) this.#decide(s);
  }

  /** Records everything still waiting (the page is going away, or navigation). */
  flush(): void {
    for (const s of this.#slots) if (s.key === undefined) this.#decide(s);
  }

  #partner(s: Sighting): Slot | undefined {
    const other: Source = s.source === 'dom' ? 'tap' : 'dom';
    const open = this.#slots.filter(
      (x) =>
        x.kind === s.kind &&
        !x[s.source] &&
        x[other] &&
        sameConversation(x[other]!.conversationId, s.conversationId),
    );
    if (s.id) {
      const exact = open.find((x) => x[other]!.id === s.id);
      if (exact) return exact;
    }
    // No shared id (Claude's DOM has none; a ChatGPT turn may hold several messages):
    // the oldest open turn of the other source is the same one.
    return open[0];
  }

  #decide(slot: Slot): void {
    if (slot.key !== undefined) return;
    if (slot.timer !== undefined) this.#opts.clearTimeout(slot.timer);
    // Prompts first: a reply must find its prompt recorded (the worker pairs them).
    if (slot.kind === 'response')
      for (const p of this.#slots) if (p.kind === 'prompt' && p.key === undefined) this.#decide(p);
    // Recorded by one source alone: a streak the other source's late sighting resets.
    if (slot.kind === 'response' && !(slot.dom && slot.tap)) {
      const src: Source = slot.tap ? 'tap' : 'dom';
      this.#alone[src]++;
      this.#alone[src === 'tap' ? 'dom' : 'tap'] = 0;
    }
    const dom = slot.dom;
    const best = slot.tap ?? textOf(dom!);
    slot.key = (
      slot.tap?.id ??
      dom?.domKey ??
      dom?.id ??
      `tap-${this.#opts.now()}-${this.#seq++}`
    ).slice(0, 200);
    const d: Decision = {
      kind: slot.kind,
      key: slot.key,
      // The URL's conversation when the DOM saw the turn (a temporary chat stays without
      // one, as the page shows it); the traffic's otherwise.
      conversationId: dom ? dom.conversationId : (slot.tap?.conversationId ?? null),
      text: best.text,
      model: slot.tap?.model ?? dom?.model ?? null,
      at: (dom ?? slot.tap!).at,
      sources: (['dom', 'tap'] as const).filter((src) => slot[src]),
    };
    const reasoning =
      best.reasoning ?? dom?.reasoning ?? (slot.tap ? readReasoning(dom) : undefined);
    if (reasoning) d.reasoning = reasoning;
    if (dom?.anchor !== undefined) d.anchor = dom.anchor;
    const measured =
      slot.kind === 'response'
        ? withLabel(slot.tap?.measured ?? dom?.measured, dom)
        : slot.tap?.measured;
    if (measured) d.measured = measured;
    if (slot.tap?.parentRef) d.parentRef = slot.tap.parentRef;
    if (dom?.domKey) d.domKey = dom.domKey;
    if (slot.tap?.files) d.files = slot.tap.files;
    if (slot.kind === 'response') {
      const promptKey = this.#promptKey(slot);
      if (promptKey) d.promptKey = promptKey;
    }
    this.#opts.emit(d);
  }

  /** The key under which the prompt this reply answers was (or will be) recorded. */
  #promptKey(slot: Slot): string | undefined {
    const refs = [slot.tap?.promptRef, slot.dom?.promptRef].filter((r): r is string => !!r);
    for (const ref of refs) {
      const p = this.#slots.find(
        (x) =>
          x.kind === 'prompt' && (x.tap?.id === ref || x.dom?.id === ref || x.dom?.domKey === ref),
      );
      if (p?.key) return p.key;
    }
    return refs[0];
  }

  /** Turns past their match window leave. */
  #closeOld(): void {
    const now = this.#opts.now();
    this.#slots = this.#slots.filter((s) => s.key === undefined || now - s.created < MATCH_MS);
  }
}

/** A DOM sighting's text, read now if it was left for later (an unreadable turn counts empty). */
function textOf(s: Sighting): { text: string; reasoning?: string } {
  if (!s.readText) return s;
  try {
    return s.readText();
  } catch {
    return { text: '' };
  }
}

/** The traffic's duration wins; else the page's label, read now (issue #14). */
function withLabel(m: Measured | undefined, dom: Sighting | undefined): Measured | undefined {
  if (m?.thinkMs !== undefined || !dom?.readThink) return m;
  let label: ThinkLabel | null;
  try {
    label = dom.readThink();
  } catch {
    label = null;
  }
  if (!label) return m;
  return label.how === 'label'
    ? { ...m, thinkMs: label.ms, thinkFrom: 'label' }
    : { ...m, thinkFrom: 'unparsed' };
}

function readReasoning(s: Sighting | undefined): string | undefined {
  try {
    return s?.readReasoning?.();
  } catch {
    return undefined;
  }
}

/** A chat without an id yet (new, temporary) matches any: the other source may know it. */
function sameConversation(a: string | null, b: string | null): boolean {
  return a === null || b === null || a === b;
}
