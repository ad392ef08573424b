import type { Turn } from './site-adapter';

/** A turn to report, with the prompt turn a response answers (when the page shows it). */
export interface CaptureEvent {
  kind: 'prompt' | 'response';
  turn: Turn;
  /** Responses: the key under which the prompt before it was counted (or would be). */
  promptKey?: string;
}

/**
 * A user turn at the end of the page with nothing after it and no generation seen is held
 * this long before it is taken for history (a chat whose last message got no answer).
 * Real sends show the stop button within a fraction of a second.
 */
export const PROMPT_GRACE_MS = 4000;
/**
 * A watched reply counts as complete once the page no longer shows its stop button and the
 * reply's text has not grown for this long, even when the site's own completion marker never
 * comes (a renamed action bar): any one missing signal must not lose the reply.
 */
export const SETTLED_MS = 2500;
/** ...and a reply still marked streaming after the stop button went (a stale marker, seen after Stop). */
export const STALE_STREAM_MS = 8000;

/**
 * Decides what counts, from successive snapshots of the page's turns. Pure: no DOM reads, no
 * timers (the engine passes `now`), so it is unit-tested with plain objects.
 *
 * The rules, and why:
 * - Turns present at the first snapshot are history (baseline), unless they are visibly
 *   streaming: a reply still being written at load is computation not yet counted.
 * - New usage appears at the tail. A turn with an unknown key but a known turn after it was
 *   inserted into history (older messages loaded while scrolling): never counted.
 * - A "generation episode" starts when the page shows a stop button or a streaming turn.
 *   A new user turn at the tail counts as a prompt when an episode is on (at most one per
 *   episode); a new assistant turn counts once complete if it was seen streaming or an
 *   episode is on. New turns that show up already complete with no episode (a conversation
 *   opened in the SPA, history rendered late) are history.
 * - Keys already seen are never reported again (re-renders, clones, duplicates).
 */
export class Tracker {
  readonly #known = new Set<string>();
  readonly #knownEls = new WeakSet<object>();
  readonly #watched = new WeakSet<object>();
  readonly #sentPromptKey = new WeakMap<object, string>();
  readonly #pendingSince = new Map<string, number>();
  #started = false;
  #episode = false;
  #promptThisEpisode = false;
  #unfinishedEl: Element | null = null;
  readonly #growth = new WeakMap<object, { size: number; since: number }>();

  /**
   * The conversation changed (SPA navigation): what streams next is not the old episode.
   * `keepEpisode`: a new chat just got its id (`/` → `/c/<id>`, `/new` → `/chat/<id>`)
   * while its first reply streams; that reply, and at most one prompt, still count.
   */
  reset(keepEpisode = false): void {
    this.#pendingSince.clear();
    this.#unfinishedEl = null;
    if (keepEpisode) return;
    this.#episode = false;
    this.#promptThisEpisode = false;
  }

  /** Turns counted or taken as history so far (for capture health). */
  get knownCount(): number {
    return this.#known.size;
  }

  /**
   * The last turn the latest update saw streaming or unfinished (watched), else null. While
   * the page still shows its stop button and this turn is in place, nothing can complete:
   * the engine only probes those two signals instead of rereading every turn.
   */
  get streaming(): Element | null {
    return this.#unfinishedEl;
  }

  /** True while something is left to watch (the engine polls then, as the stop button may sit outside its root). */
  get busy(): boolean {
    return this.#episode || this.#pendingSince.size > 0;
  }

  update(turns: readonly Turn[], generating: boolean, now: number): CaptureEvent[] {
    if (!this.#started) {
      this.#started = true;
      for (const t of turns) if (t.state !== 'streaming') this.#markKnown(t);
    }
    const events: CaptureEvent[] = [];
    const fresh = (t: Turn) => !this.#known.has(t.key) && !this.#knownEls.has(t.el);
    if (generating || turns.some((t) => fresh(t) && t.state === 'streaming')) this.#episode = true;

    let lastKnown = -1;
    turns.forEach((t, i) => {
      if (!fresh(t)) lastKnown = i;
    });
    let unfinished: Element | null = null;
    let lastUser: Turn | undefined;

    turns.forEach((t, i) => {
      if (t.role === 'user') lastUser = t;
      if (this.#known.has(t.key)) return;
      if (this.#knownEls.has(t.el) && !this.#watched.has(t.el)) {
        // Same element, new key: a reply regenerated in place streams again; otherwise
        // Claude's position shifted, or an id attribute was filled in.
        if (!(t.role === 'assistant' && t.state === 'streaming')) {
          this.#known.add(t.key);
          return;
        }
      }
      const complete = () => {
        const promptKey = lastUser
          ? (this.#sentPromptKey.get(lastUser.el) ?? lastUser.key)
          : undefined;
        this.#watched.delete(t.el);
        this.#markKnown(t);
        events.push({ kind: 'response', turn: t, ...(promptKey ? { promptKey } : {}) });
        // The next exchange may already show in the same snapshot (a prompt sent right
        // after the reply): it gets its own prompt.
        this.#promptThisEpisode = false;
      };
      if (t.state === 'streaming') {
        if (t.role === 'assistant' && this.#settled(t, generating, now, STALE_STREAM_MS))
          return complete();
        this.#watched.add(t.el);
        unfinished = t.el;
        return;
      }
      if (i < lastKnown && !this.#watched.has(t.el)) {
        if (t.state === 'complete') this.#markKnown(t);
        return;
      }
      if (t.role === 'user') {
        if (this.#episode && !this.#promptThisEpisode) {
          this.#promptThisEpisode = true;
          this.#pendingSince.delete(t.key);
          this.#markKnown(t);
          this.#sentPromptKey.set(t.el, t.key);
          events.push({ kind: 'prompt', turn: t });
        } else if (i < turns.length - 1 || this.#episode) {
          this.#pendingSince.delete(t.key);
          this.#markKnown(t); // answered already: history
        } else {
          const since = this.#pendingSince.get(t.key) ?? now;
          this.#pendingSince.set(t.key, since);
          if (now - since >= PROMPT_GRACE_MS) {
            this.#pendingSince.delete(t.key);
            this.#markKnown(t);
          }
        }
        return;
      }
      // Assistant turn at the tail.
      if (t.state === 'complete') {
        if (this.#watched.has(t.el) || this.#episode) complete();
        else this.#markKnown(t);
      } else if (this.#episode || this.#watched.has(t.el)) {
        if (this.#settled(t, generating, now, SETTLED_MS)) return complete();
        this.#watched.add(t.el);
        unfinished = t.el;
      }
    });

    this.#unfinishedEl = unfinished;
    if (!generating && !unfinished) {
      this.#episode = false;
      this.#promptThisEpisode = false;
    }
    return events;
  }

  /** The page shows no stop button and the turn's text has not grown for `ms`. */
  #settled(t: Turn, generating: boolean, now: number, ms: number): boolean {
    const size = t.size;
    const seen = this.#growth.get(t.el);
    if (generating || !seen || seen.size !== size) {
      this.#growth.set(t.el, { size, since: now });
      return false;
    }
    return now - seen.since >= ms;
  }

  #markKnown(t: Turn): void {
    this.#known.add(t.key);
    this.#knownEls.add(t.el);
  }
}
