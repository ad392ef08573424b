import type { Turn, TurnState } from '../capture/site-adapter';
import { nodeText } from '../capture/text';
import { parseThinkLabel, type ThinkLabel } from '../capture/think-label';

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

/**
 * The first thinking label among `els`, by their visible text (screen-reader copies left out:
 * Claude doubles its pills) or, when that is none, their aria-label (Le Chat spells its visible
 * label one span per letter). A label without a readable time is 'unparsed'.
 */
export function readThinkLabel(els: Iterable<Element>): ThinkLabel | null {
  for (const el of els) {
    const got =
      parseThinkLabel(nodeText(el, '.sr-only')) ??
      parseThinkLabel(el.getAttribute('aria-label') ?? '');
    if (got) return got;
  }
  return null;
}
