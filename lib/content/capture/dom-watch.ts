import type { SiteAdapter } from './site-adapter';

/**
 * What the content script observes of the page: the conversation root (re-attached when the
 * page replaces it or one of its containers), and while a reply streams, only the stop
 * button and the parents of the button and the reply (stream mode), as the reply's
 * re-renders are most of the page's DOM churn.
 */
export class DomWatch {
  root: Element | null = null;
  /** The reply streaming in stream mode, or null. */
  streamEl: Element | null = null;
  // The stop button last found: re-checked with one `matches` instead of a document search.
  #stopEl: Element | null = null;
  readonly #observer: MutationObserver;
  readonly #streamObserver: MutationObserver;
  readonly #ancestorObserver: MutationObserver;

  readonly #adapter: SiteAdapter;
  constructor(adapter: SiteAdapter, onChange: () => void, onRootMoved: () => void) {
    this.#adapter = adapter;
    this.#observer = new MutationObserver(onChange);
    this.#streamObserver = new MutationObserver(onChange);
    // Child lists only, no subtree: sees the root or a container taken out or replaced.
    this.#ancestorObserver = new MutationObserver(() => {
      try {
        if (this.rootMoved()) onRootMoved();
      } catch {
        // never into the page
      }
    });
  }

  /** The root was taken out of the page, or the adapter now finds another one. */
  rootMoved(): boolean {
    return !this.root?.isConnected || this.#adapter.root(document) !== this.root;
  }

  /** Observes the adapter's root (the body without one); false when it was already observed. */
  attach(): boolean {
    const next = this.#adapter.root(document) ?? document.body;
    if (next === this.root && next.isConnected) return false;
    this.#stopStreamWatch();
    this.root = next;
    this.#observe();
    this.#ancestorObserver.disconnect();
    for (let p = next.parentNode; p; p = p.parentNode)
      this.#ancestorObserver.observe(p, { childList: true });
    return true;
  }

  /** Whether the page shows its stop button (the element found last is re-checked first). */
  generating(): boolean {
    const s = this.#adapter.stopSelector;
    if (this.#stopEl?.isConnected && this.#stopEl.matches(s)) return true;
    this.#stopEl = document.querySelector(s);
    return this.#stopEl !== null;
  }

  /**
   * Stream mode's probe: true while the reply stays in place and the stop button still
   * shows, so nothing can have completed. Re-aims the watch if the page swapped its button.
   */
  stillStreaming(): boolean {
    const reply = this.streamEl;
    if (!reply?.isConnected) return false;
    const before = this.#stopEl;
    if (!this.generating()) return false;
    if (this.#stopEl !== before) this.#watchStream(reply);
    return true;
  }

  /** Into (or on in) stream mode for `reply`: the root observer is off meanwhile. */
  enterStream(reply: Element): void {
    if (!this.streamEl) this.#observer.disconnect();
    this.streamEl = reply;
    this.#watchStream(reply);
  }

  /** Back to observing the root (the stream ended, the page or its root changed). */
  leaveStream(): void {
    if (!this.streamEl) return;
    this.#stopStreamWatch();
    this.#observe();
  }

  disconnect(): void {
    this.#observer.disconnect();
    this.#ancestorObserver.disconnect();
    this.#stopStreamWatch();
  }

  #observe(): void {
    this.#observer.disconnect();
    if (!this.root) return;
    this.#observer.observe(this.root, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: this.#adapter.attributeFilter,
    });
  }

  #stopStreamWatch(): void {
    this.streamEl = null;
    this.#streamObserver.disconnect();
  }

  #watchStream(reply: Element): void {
    this.#streamObserver.disconnect();
    // Claude's selector finds the icon's <path>: the button around it is what gets replaced.
    const stop = this.#stopEl?.closest('button') ?? this.#stopEl;
    if (stop) {
      this.#streamObserver.observe(stop, {
        childList: true,
        subtree: true,
        characterData: true,
        attributes: true,
      });
    }
    for (const p of new Set([stop?.parentElement, reply.parentElement])) {
      if (p)
        this.#streamObserver.observe(p, {
          childList: true,
          attributes: true,
          attributeFilter: this.#adapter.attributeFilter,
        });
    }
  }
}
