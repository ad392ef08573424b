import { hash53, nodeText } from '../capture/text';
import type { SiteAdapter, Turn } from '../capture/site-adapter';
import { lazyTurn, querySelectorAllFirst, readThinkLabel, type DatedSelector } from './selectors';

/**
 * Claude (claude.ai). Evidence: tests/fixtures/NOTES.md §2 (newest 2026-09, none checked
 * against the live site). The DOM carries no message id (`data-test-render-count` is a React
 * render counter), so keys are conversation id + position + a hash of the textContent; the
 * background remembers every key it recorded, so a reload or re-render cannot recount.
 */

const USER: readonly DatedSelector[] = [{ css: '[data-testid="user-message"]', seen: '2026-09' }];
const ASSISTANT: readonly DatedSelector[] = [
  { css: '.font-claude-response', seen: '2026-08' }, // defuddle switched 2026-02-14
  { css: '.font-claude-message', seen: '2025-12' }, // 2024-09 → late 2025
  // TODO [2027-03-01]: confirm on a live page; seen once, on a /share/ page (2026-09-07).
  { css: '[class*="msg-assistant-pb"]', seen: '2026-09' },
];
// Each role has its own fallbacks: a later assistant selector is tried even when the user
// selector matched (a class rename on one role only must not hide that role). Class
// selectors first (cheap); the substring fallback only when they find nothing (`[class*=…]`
// tests the class string of every element under the root).
const ASSISTANT_QUERIES: readonly DatedSelector[] = [
  {
    css: ASSISTANT.slice(0, 2)
      .map((s) => s.css)
      .join(', '),
    seen: '2026-08',
  },
  ...ASSISTANT.slice(2),
];
// Composer stop button: CodeWebChat matches its icon path (2026-08, MED); aria-label LOW.
// One document pass for both; a streaming reply's own flag is read per turn instead.
const STOP = 'button[aria-label="Stop response"], button path[d^="M128,20A108,108"]';
const MODEL = '[data-testid="model-selector-dropdown"]';
const SKIP = 'button, .sr-only';
// Status pills above the reply ("Thought for 12s", "Searched the web"), each with a
// screen-reader copy: `button[class*="group/status"]` (KyleMcNease, 2026-02; MED); any button of
// the reply as a fallback (the pill is the only one whose text is a thinking label).
const THINK = 'button[class*="group/status"], button';

// Complete turns keep their key while they stay at the same position (and, for the last
// TAIL turns, with text of the same length): hashing every turn on every scan is O(conversation).
const keyCache = new WeakMap<Element, { pos: string; len: number; key: string }>();
const TAIL = 4;
// A streaming reply is keyed by its element, without reading its text: nothing is reported
// before it completes. The number is unique per element, so the key never meets another.
const streamingIds = new WeakMap<Element, number>();
let nextStreamingId = 0;

/** The streaming flag sits on the wrapper directly around the response (one or two levels up). */
function streamFlag(el: Element): string | null {
  const p = el.parentElement;
  return (
    p?.getAttribute('data-is-streaming') ??
    p?.parentElement?.getAttribute('data-is-streaming') ??
    null
  );
}

/** Two lists already in document order, merged in document order. */
function inDocumentOrder(a: Element[], b: Element[]): Element[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: Element[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const before = a[i]!.compareDocumentPosition(b[j]!) & Node.DOCUMENT_POSITION_FOLLOWING;
    out.push(before || a[i]!.contains(b[j]!) ? a[i++]! : b[j++]!);
  }
  return out.concat(a.slice(i), b.slice(j));
}

export const claude: SiteAdapter = {
  site: 'claude',
  showsReasoning: false,
  keysAreMessageIds: false,
  attributeFilter: ['data-is-streaming', 'data-testid'],

  conversationId(url) {
    // /chat/<uuid> (lugia19, ChatDump; HIGH). Incognito chats keep their id out of the URL.
    const m = /^\/chat\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(
      url.pathname,
    );
    return m?.[1]?.toLowerCase() ?? null;
  },

  root(doc) {
    // TODO [2027-03-01]: #main-content is the fixture's guess (LOW); <main> where present.
    return doc.querySelector('main') ?? doc.querySelector('#main-content');
  },

  stopSelector: STOP,

  turns(root, page) {
    // An older class nested inside a newer match is the same message. Matches come in
    // document order, so a nested one directly follows its container.
    const els: Element[] = [];
    const users = querySelectorAllFirst(root, USER);
    const replies = querySelectorAllFirst(root, ASSISTANT_QUERIES);
    for (const el of inDocumentOrder(users, replies)) {
      if (!els.at(-1)?.contains(el)) els.push(el);
    }
    const replySet = new Set(replies);
    const out: Turn[] = [];
    const seen = new Set<string>();
    els.forEach((el, i) => {
      const role: Turn['role'] = replySet.has(el) ? 'assistant' : 'user';
      let state: Turn['state'] = 'complete';
      if (role === 'assistant') {
        const flag = streamFlag(el);
        if (flag === 'true') state = 'streaming';
        else if (flag === 'false') state = 'complete';
        else state = page.generating ? 'pending' : 'complete';
      }
      const p = `${page.keyPrefix}:${i}`;
      if (state === 'streaming') {
        let id = streamingIds.get(el);
        if (id === undefined) streamingIds.set(el, (id = nextStreamingId++));
        out.push(lazyTurn(role, `${p}:${role[0]}:streaming-${id}`, el, () => 'streaming'));
        return;
      }
      // Edits and retries happen at the end of the conversation: only the last turns are
      // re-read for changed text; earlier complete turns keep their key while in place.
      const tail = i >= els.length - TAIL;
      let content = tail ? (el.textContent ?? '') : null;
      let key = state === 'complete' ? keyCache.get(el) : undefined;
      if (!key || key.pos !== p || (content !== null && key.len !== content.length)) {
        // The key hashes the element's textContent (one native read), not the message text,
        // which walks every node and is read once, when a turn is reported. The two differ
        // only by the buttons and screen-reader headings nodeText leaves out;
        // Claude's buttons are icons labelled by aria-label, so a re-render gives the same key.
        content ??= el.textContent ?? '';
        key = { pos: p, len: content.length, key: `${p}:${role[0]}:${hash53(content)}` };
        if (state === 'complete') keyCache.set(el, key);
      }
      if (seen.has(key.key)) return;
      seen.add(key.key);
      out.push(lazyTurn(role, key.key, el, () => state));
    });
    return out;
  },

  text(turn) {
    return { text: nodeText(turn.el, SKIP) };
  },

  thinkLabel(turn) {
    return readThinkLabel(turn.el.querySelectorAll(THINK));
  },

  readModel(_turn, doc) {
    const btn = doc.querySelector(MODEL);
    // "Sonnet 4.5" etc. (lugia19 reads `.whitespace-nowrap` inside it, 2024-12 → 2026-07).
    const text = btn?.querySelector('.whitespace-nowrap')?.textContent?.trim();
    return text || btn?.getAttribute('aria-label')?.trim() || null;
  },

  showsConversation(doc, url) {
    return this.conversationId(url) !== null;
  },
};
