import { storage } from 'wxt/utils/storage';
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
  /** Epoch ms of the report. */
  at: number;
}

export const tabHealthItem = (tabId: number) =>
  storage.defineItem<CaptureHealth | null>(`session:health:${tabId}`, { fallback: null });

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
