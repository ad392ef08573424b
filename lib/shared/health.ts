import type { SiteId } from './types';

/**
 * Capture health of one tab, reported by its content script and kept in session storage
 * (cleared when the browser closes). The popup reads it for the current tab.
 * - working: the adapter finds the turns it expects (or the page is an empty new chat);
 * - broken: the page shows conversation content but the adapter finds no turns.
 */
export interface CaptureHealth {
  site: SiteId;
  state: 'working' | 'broken';
  /** Turns the adapter currently sees on the page. */
  turns: number;
  /** Short English reason for 'broken', shown with what to do. */
  detail?: string;
  /** Each source on its own: the page's DOM and the page's traffic. */
  sources?: SourceStates;
  /** Epoch ms of the report. */
  at: number;
}

/** `off`: the traffic tap never connected on this page (capture counts from the DOM alone). */
export interface SourceStates {
  dom: 'working' | 'broken';
  tap: 'working' | 'broken' | 'off';
}

/** What each source has shown so far on this page, for judging it. */
export interface SourceInput {
  /** DOM turns found now, by role. */
  domUsers: number;
  domAssistants: number;
  /** Prompts and replies the DOM observer saw counted since the page loaded. */
  domPrompts: number;
  domReplies: number;
  /** Replies in a row that only the tap saw, and only the DOM saw. */
  tapAlone: number;
  domAlone: number;
  tapConnected: boolean;
  /** Traffic the tap matched and could not read. */
  tapAnomalies: number;
  /** Roles in the conversation the page loaded, when the tap saw it. */
  loaded: { users: number; assistants: number } | null;
}

/** Replies in a row one source saw and the other did not, before the other is called broken. */
export const ALONE_LIMIT = 2;

/**
 * Each source's state and, when one fails, why (English, shown in the popup). A source is
 * broken when the other source or the page itself shows what it misses: half a break is a
 * break.
 */
export function judgeSources(h: SourceInput): { states: SourceStates; detail?: string } {
  const loaded = h.loaded;
  const domWhy =
    h.tapAlone >= ALONE_LIMIT
      ? 'the page received replies that its DOM reader did not find'
      : h.domUsers > 0 &&
          h.domAssistants === 0 &&
          (h.domUsers >= 2 || (loaded?.assistants ?? 0) > 0)
        ? 'prompts are found on the page but no replies'
        : h.domAssistants > 0 &&
            h.domUsers === 0 &&
            (h.domAssistants >= 2 || (loaded?.users ?? 0) > 0)
          ? 'replies are found on the page but no prompts'
          : h.domPrompts >= 2 && h.domReplies === 0
            ? 'prompts are counted but no reply ever completes'
            : null;
  const tapWhy = !h.tapConnected
    ? null
    : h.domAlone >= ALONE_LIMIT
      ? "replies completed on the page that the page's traffic reader did not see"
      : h.tapAnomalies >= ALONE_LIMIT
        ? "the page's traffic has a shape Tokenprint cannot read"
        : null;
  const states: SourceStates = {
    dom: domWhy ? 'broken' : 'working',
    tap: !h.tapConnected ? 'off' : tapWhy ? 'broken' : 'working',
  };
  const why = [domWhy && `Page reader: ${domWhy}.`, tapWhy && `Traffic reader: ${tapWhy}.`]
    .filter(Boolean)
    .join(' ');
  return why ? { states, detail: why } : { states };
}

/** When each source last saw a turn that got recorded, per site (epoch ms; no text). */
export type SourcesSeen = Partial<Record<SiteId, Partial<Record<'dom' | 'tap', number>>>>;
/** The times are kept to the minute: a write per capture would be wasted. */
export const SOURCES_SEEN_STEP_MS = 60_000;

/** The stored times updated for one recorded turn, or null when nothing moves by a step. */
export function nextSourcesSeen(
  seen: SourcesSeen,
  site: SiteId,
  sources: readonly ('dom' | 'tap')[],
  at: number,
): SourcesSeen | null {
  const mine = { ...seen[site] };
  let moved = false;
  for (const s of sources) {
    if ((mine[s] ?? 0) + SOURCES_SEEN_STEP_MS > at) continue;
    mine[s] = at;
    moved = true;
  }
  return moved ? { ...seen, [site]: mine } : null;
}

/** What the content script knows when it judges its own capture. */
export interface HealthInput {
  /** The URL is a conversation (it has an id). */
  conversationUrl: boolean;
  /** Turns the adapter finds. */
  turns: number;
  /** Characters of text in the conversation root (a page still loading shows almost none). */
  contentChars: number;
  /** Milliseconds since the page loaded or the SPA navigated. */
  sinceNavigation: number;
}

/** A page showing this much text under its conversation root is showing a conversation. */
export const CONTENT_CHARS_MIN = 200;
/** Time a conversation page gets to render its messages before "no turns" means broken. */
export const SETTLE_MS = 5000;

/**
 * working / broken, or null while it is too early to say. Broken only when the page shows
 * conversation content and the adapter finds none of it: the selectors no longer match.
 */
export function assessHealth(h: HealthInput): CaptureHealth['state'] | null {
  if (h.turns > 0 || !h.conversationUrl) return 'working';
  if (h.sinceNavigation < SETTLE_MS) return null;
  return h.contentChars >= CONTENT_CHARS_MIN ? 'broken' : null;
}

/** Shown in the popup for a broken tab. */
export const BROKEN_DETAIL =
  'This page shows a conversation but Tokenprint finds no messages in it: the site has probably changed. Nothing is counted here until Tokenprint is updated.';
