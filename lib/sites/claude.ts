import { hash53, nodeText } from '../capture/text';
import type { DatedSelector, SiteAdapter, Turn } from './types';

/**
 * Claude (claude.ai). Evidence: tests/fixtures/NOTES.md §2 (newest 2026-09, none checked
 * against the live site). The DOM carries no message id (`data-test-render-count` is a React
 * render counter), so keys are conversation id + position + a hash of the text; the
 * background remembers every key it recorded, so a reload or re-render cannot recount.
 */

const USER: readonly DatedSelector[] = [{ css: '[data-testid="user-message"]', seen: '2026-09' }];
const ASSISTANT: readonly DatedSelector[] = [
  { css: '.font-claude-response', seen: '2026-08' }, // defuddle switched 2026-02-14
  { css: '.font-claude-message', seen: '2025-12' }, // 2024-09 → late 2025
  // TODO [2027-03-01]: confirm on a live page; seen once, on a /share/ page (2026-09-07).
  { css: '[class*="msg-assistant-pb"]', seen: '2026-09' },
];
const ALL_TURNS = [...USER, ...ASSISTANT].map((s) => s.css).join(', ');
const ASSISTANT_CSS = ASSISTANT.map((s) => s.css).join(', ');
// The flag sits on the div directly around the response (HIGH, 2026-05 → 2026-08).
const STREAM_FLAG = '[data-is-streaming]';
// Composer stop button: CodeWebChat matches its icon path (2026-08, MED); aria-label LOW.
const STOP =
  'button[aria-label="Stop response"], button:has(path[d^="M128,20A108,108"]), [data-is-streaming="true"]';
const MODEL = '[data-testid="model-selector-dropdown"]';
const SKIP = 'button, .sr-only';

// Complete turns keep their key while they stay at the same position with text of the same
// length (textContent is a cheap native read; hashing every turn's text on every scan would
// cost O(conversation) in script per scan).
const keyCache = new WeakMap<Element, { pos: string; len: number; key: string }>();

export const claude: SiteAdapter = {
  site: 'claude',
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

  isGenerating(doc) {
    try {
      return doc.querySelector(STOP) !== null;
    } catch {
      // :has() unsupported (Firefox < 121): fall back to the two plain selectors.
      return (
        doc.querySelector('button[aria-label="Stop response"], [data-is-streaming="true"]') !== null
      );
    }
  },

  turns(root, page) {
    const out: Turn[] = [];
    const seen = new Set<string>();
    let pos = 0;
    for (const el of root.querySelectorAll(ALL_TURNS)) {
      // An older class nested inside a newer match is the same message.
      if (el.parentElement?.closest(ALL_TURNS)) continue;
      const role: Turn['role'] = el.matches(ASSISTANT_CSS) ? 'assistant' : 'user';
      let state: Turn['state'] = 'complete';
      if (role === 'assistant') {
        const flag = el.closest(STREAM_FLAG)?.getAttribute('data-is-streaming');
        if (flag === 'true') state = 'streaming';
        else if (flag === 'false') state = 'complete';
        else state = page.generating ? 'pending' : 'complete';
      }
      const p = `${page.keyPrefix}:${pos++}`;
      const len = el.textContent?.length ?? 0;
      let key = state === 'complete' ? keyCache.get(el) : undefined;
      if (!key || key.pos !== p || key.len !== len) {
        key = { pos: p, len, key: `${p}:${role[0]}:${hash53(nodeText(el, SKIP))}` };
        if (state === 'complete') keyCache.set(el, key);
      }
      if (seen.has(key.key)) continue;
      seen.add(key.key);
      out.push({ role, key: key.key, el, state });
    }
    return out;
  },

  text(turn) {
    return { text: nodeText(turn.el, SKIP) };
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
