import type { SiteId } from '../../shared/types';
import type { ThinkLabel } from './think-label';

// The port the capture engine needs from a chat site; each adapter in lib/content/sites
// implements it, so a new site changes no engine code.

/** Where a turn stands: positive streaming evidence, finished markers, or neither yet. */
export type TurnState = 'streaming' | 'complete' | 'pending';

/**
 * One message the page shows, as the capture engine needs it. Adapters may compute `state`
 * lazily (a getter): the engine reads it only for turns it does not know yet, so long
 * histories cost no subtree searches per scan.
 */
export interface Turn {
  role: 'user' | 'assistant';
  /** De-duplication key: stable across re-renders and reloads once the turn is complete. */
  key: string;
  el: Element;
  state: TurnState;
  /** Length of the turn's text content (read lazily: only for turns being watched). */
  readonly size: number;
}

/** What the engine knows about the page when it asks an adapter for turns. */
export interface PageInfo {
  conversationId: string | null;
  /** Stands in for the conversation id in keys when the URL has none (temporary chats). */
  keyPrefix: string;
  /** The page-level "still generating" signal (stop button), read once per scan. */
  generating: boolean;
}

/** A turn's text, split where the page splits it. */
export interface TurnText {
  text: string;
  /** Visible reasoning shown apart from the answer (Le Chat "Think"); omitted when none. */
  reasoning?: string;
}

/**
 * One chat site. Adapters only read the DOM; they keep no state (the engine does), except
 * caches keyed by element. Every selector list is newest first, each entry dated.
 */
export interface SiteAdapter {
  site: SiteId;
  /** Conversation id from the URL path; null for new, temporary and incognito chats. */
  conversationId(url: URL): string | null;
  /** The element to observe: the smallest stable container of the turns, or null (body). */
  root(doc: Document): Element | null;
  /**
   * The page-level generating signal: the stop button, present while a reply streams. While a reply
   * streams the engine re-checks the element it found (`matches` on one element) instead of
   * searching the document again.
   */
  stopSelector: string;
  /** Turns in document order, one per key (duplicate renderings dropped). */
  turns(root: ParentNode, page: PageInfo): Turn[];
  text(turn: Turn): TurnText;
  /**
   * The model the page shows for this turn (or for the next answer when `turn` is a prompt).
   * Not called `modelLabel`: WXT's auto-import scanner takes that name for a component and
   * would pull the carbon model into every content script.
   */
  readModel(turn: Turn, doc: Document): string | null;
  /** True when the page shows conversation content (used to tell "no turns" from "broken"). */
  showsConversation(doc: Document, url: URL): boolean;
  /** Attributes whose changes can mean a turn started or finished streaming. */
  attributeFilter: string[];
  /** Turn keys are the provider's message ids (as the traffic names them), not hashes. */
  keysAreMessageIds: boolean;
  /** `text()` can return visible reasoning apart from the answer. */
  showsReasoning: boolean;
  /**
   * The reasoning label a completed reply shows ("Thought for 32s"), read: its duration, or
   * 'unparsed'; null when the reply shows none. Read once per recorded reply, and only when
   * the traffic gave no duration (issue #14). Sites that show no label leave it out.
   */
  thinkLabel?(turn: Turn): ThinkLabel | null;
}
