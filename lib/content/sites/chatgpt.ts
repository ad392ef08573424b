import { nodeText, nodesText } from '../capture/text';
import type { SiteAdapter, Turn } from '../capture/site-adapter';
import { lazyTurn, querySelectorAllFirst, readThinkLabel, type DatedSelector } from './selectors';

/**
 * ChatGPT (chatgpt.com, formerly chat.openai.com). Evidence for every selector:
 * tests/fixtures/NOTES.md §1 (open-source readers of the page, newest 2026-08; none of it
 * checked against the live site).
 */

// Turn wrappers, newest first. The tag moved <div> → <article> → <section> (2026-03), so the
// primary selector ignores it.
const TURNS: readonly DatedSelector[] = [
  { css: '[data-testid^="conversation-turn-"]', seen: '2026-08' },
  { css: 'section[data-turn], article[data-turn]', seen: '2026-06' },
];
const ROLE_NODE = '[data-message-author-role]';
// Streaming markers inside a turn: legacy class (2023-24) and the 2026 status attribute.
const TURN_STREAMING = '.result-streaming, [data-streaming-response-status]';
// The finished assistant turn's action bar (2024-09 → 2026-08). User turns have one too:
// only read it inside assistant turns.
const TURN_DONE =
  '[data-testid="copy-turn-action-button"], [data-testid="good-response-turn-action-button"]';
// Composer stop button while generating (HIGH, 2024 → 2026-08).
const STOP = 'button[data-testid="stop-button"]';
const USER_TEXT = '.whitespace-pre-wrap';
const ASSISTANT_TEXT = '.markdown';
// Code-block headers ("python" + "Copy code") are page chrome, not model output.
const SKIP = 'button, .sr-only, [data-markdown-copy="exclude"]';
// Model: header switcher (2024-25; MED), then the 2026 composer pill (LOW, unnamed files).
const SWITCHER =
  'button[data-testid="model-switcher-dropdown-button"], button[aria-label*="current model is" i]';
const PILL = 'button.__composer-pill[aria-haspopup="menu"]';
// Reasoning label: a collapsed button[aria-expanded] before .markdown, "Thought for 32s",
// "Thinking time: 12s", "Worked for 4m", localized ("8s 동안 생각함") (chrome-devtools-mcp SPEC
// §3.6, 2026-02; MED). Any button of the turn is tried: no action-bar label reads as one.
const THINK = 'button';

function roleOf(el: Element): Turn['role'] | null {
  const r =
    el.getAttribute('data-turn') ??
    el.querySelector(ROLE_NODE)?.getAttribute('data-message-author-role') ??
    // 2026: some user bubbles lost the role attribute ("ChatGPT RTL Fix v3.3.0").
    (el.querySelector('[data-content-search-unit-key$=":user"]') ? 'user' : null);
  return r === 'user' || r === 'assistant' ? r : null;
}

/** The first message id in the turn: a new message (regenerated, edited) has a new one. */
function keyOf(el: Element): string | null {
  return (
    el.querySelector(`${ROLE_NODE}[data-message-id]`)?.getAttribute('data-message-id') ??
    el.querySelector('[data-message-id]')?.getAttribute('data-message-id') ??
    el.getAttribute('data-turn-id')
  );
}

export const chatgpt: SiteAdapter = {
  site: 'chatgpt',
  showsReasoning: false,
  keysAreMessageIds: true,
  attributeFilter: [
    'data-testid',
    'data-message-id',
    'data-turn-id',
    'data-streaming-response-status',
  ],

  conversationId(url) {
    // /c/<id> and /g/<gizmo>/c/<id> (pionxzh/chatgpt-exporter src/page.ts, 2026-08).
    // /share/<id> is someone's read-only copy: not this user's usage, so not a conversation here.
    const m = /^\/(?:c|g\/[a-z0-9-]+\/c)\/([a-z0-9-]+)/i.exec(url.pathname);
    return m?.[1] ?? null;
  },

  root(doc) {
    return doc.querySelector('main');
  },

  stopSelector: STOP,

  turns(root, page) {
    const out: Turn[] = [];
    const seen = new Set<string>();
    const els = querySelectorAllFirst(root, TURNS);
    els.forEach((el, i) => {
      const role = roleOf(el);
      const key = keyOf(el);
      if (!role || !key || seen.has(key)) return;
      seen.add(key);
      const last = i === els.length - 1;
      out.push(
        lazyTurn(role, key, el, () => {
          if (role === 'user') return 'complete';
          if (el.querySelector(TURN_STREAMING) || (page.generating && last)) return 'streaming';
          return el.querySelector(TURN_DONE) ? 'complete' : 'pending';
        }),
      );
    });
    return out;
  },

  text(turn) {
    const sel = turn.role === 'user' ? USER_TEXT : ASSISTANT_TEXT;
    // One turn can hold several assistant nodes (thinking, tools, answer): all their text.
    const parts = Array.from(turn.el.querySelectorAll(sel));
    if (parts.length > 0) return { text: nodesText(parts, SKIP) };
    const nodes = Array.from(turn.el.querySelectorAll(ROLE_NODE));
    return { text: nodes.length ? nodesText(nodes, SKIP) : nodeText(turn.el, SKIP) };
  },

  thinkLabel(turn) {
    return readThinkLabel(turn.el.querySelectorAll(THINK));
  },

  readModel(turn, doc) {
    const slugs = turn.el.querySelectorAll('[data-message-model-slug]');
    const slug = slugs[slugs.length - 1]?.getAttribute('data-message-model-slug');
    if (slug) return slug;
    const sw = doc.querySelector(SWITCHER);
    const aria = sw?.getAttribute('aria-label');
    const m = aria ? /current model is (.+)$/i.exec(aria) : null;
    if (m?.[1]) return m[1].trim();
    const label = sw?.querySelector('.text-token-text-tertiary')?.textContent?.trim();
    if (label) return label;
    const pill = doc.querySelector(PILL)?.textContent?.trim();
    return pill || null;
  },

  showsConversation(doc, url) {
    return this.conversationId(url) !== null;
  },
};
