import type { Turn, TurnState } from '../capture/site-adapter';

// Helpers the adapters share: dated selector lists, read newest first.

/** A selector with the month it was last seen in evidence (tests/fixtures/NOTES.md). */
export interface DatedSelector {
  css: string;
  seen: string;
}

/** First element matched by the newest selector that matches anything. */
export function querySelectorFirst(
  root: ParentNode,
  selectors: readonly DatedSelector[],
): Element | null {
  for (const s of selectors) {
    const el = root.querySelector(s.css);
    if (el) return el;
  }
  return null;
}

/** All elements matched by the newest selector that matches anything. */
export function querySelectorAllFirst(
  root: ParentNode,
  selectors: readonly DatedSelector[],
): Element[] {
  for (const s of selectors) {
    const els = root.querySelectorAll(s.css);
    if (els.length > 0) return Array.from(els);
  }
  return [];
}

/** A turn whose state is computed on first read, then remembered for this scan. */
export function lazyTurn(
  role: Turn['role'],
  key: string,
  el: Element,
  compute: () => TurnState,
): Turn {
  let state: TurnState | undefined;
  return {
    role,
    key,
    el,
    get state() {
      return (state ??= compute());
    },
    get size() {
      return el.textContent?.length ?? 0;
    },
  };
}
