import { nodeText, nodesText } from '../capture/text';
import type { SiteAdapter, Turn } from '../capture/site-adapter';
import {
  lazyTurn,
  querySelectorAllFirst,
  querySelectorFirst,
  type DatedSelector,
} from './selectors';

/**
 * Google Gemini (gemini.google.com). Evidence: tests/fixtures/NOTES.md §11 from
 * ../shared/evidence/gemini-2026.md (open-source readers, newest 2026-08; none checked
 * against the live site). The Angular element names have held since 2025; classes and
 * test ids around them move.
 */

// One element per message, newest first. A `.conversation-container` holds a prompt and its
// reply, so it is never the turn (rashidazarang, 2026-08).
const TURNS: readonly DatedSelector[] = [
  { css: 'user-query, model-response', seen: '2026-08' },
  // TODO [2027-03-01]: gemini-voyager's fallbacks (2026-01), if the element names go.
  { css: '.user-query-bubble-with-background, .presented-response-container', seen: '2026-01' },
];
const USER = 'user-query, .user-query-bubble-with-background';
const ROOTS: readonly DatedSelector[] = [
  { css: 'infinite-scroller[data-test-id="chat-history-container"]', seen: '2025-06' },
  { css: '#chat-history', seen: '2026-02' },
  { css: 'main', seen: '2026-02' },
];
// The reply's own text; a second message-content sits inside an expanded thoughts panel.
const ANSWER = 'message-content';
const THOUGHTS = 'model-thoughts, .thoughts-container';
const THOUGHTS_TEXT = '[data-test-id="thoughts-content"], .thoughts-content';
// Finished: the footer gets `complete` (2025-06 dump), the action bar appears (2026-07).
const DONE = '.response-footer.complete, message-actions, [data-test-id="copy-button"]';
const STOP = 'button[aria-label="Stop response"], button.send-button.stop';
// "You said" before each prompt is a screen-reader label, not the prompt.
const SKIP = 'button, mat-icon, .cdk-visually-hidden, .screen-reader-user-query-label';
const MODEL: readonly DatedSelector[] = [
  { css: '[data-test-id="bard-mode-menu-button"]', seen: '2026-08' },
  { css: 'bard-mode-switcher .logo-pill-label-container span', seen: '2025-11' },
];
const RESPONSE_ID = /\b(r_[0-9a-f]{8,})\b/i;

/** The reply id: the answer element's id, the `jslog` metadata, or the pair's container id. */
function responseId(el: Element): string | null {
  const content = el.querySelector('[id^="message-content-id-r_"]');
  if (content) return content.id.slice('message-content-id-'.length);
  const meta = el.querySelector('[jslog*="BardVeMetadataKey"]') ?? el.closest('[jslog]');
  const m = meta && RESPONSE_ID.exec(meta.getAttribute('jslog') ?? '');
  if (m) return m[1]!.toLowerCase();
  const pair = el.closest('.conversation-container[id]');
  return pair ? `r_${pair.id.toLowerCase()}` : null;
}

/** A prompt has no id of its own: it takes its pair's (`q_` + the reply's hex). */
function promptId(el: Element): string | null {
  const pair = el.closest('.conversation-container');
  if (pair?.id) return `q_${pair.id.toLowerCase()}`;
  const reply = pair?.querySelector('model-response');
  const rid = reply && responseId(reply);
  return rid ? `q_${rid.slice(2)}` : null;
}

export const gemini: SiteAdapter = {
  site: 'gemini',
  showsReasoning: true,
  keysAreMessageIds: true,
  attributeFilter: ['class', 'id'],

  conversationId(url) {
    // /app/<hex>, /gem/<gem>/<hex>, either under /u/<n>; /app alone is a new (or temporary) chat.
    const m = /^(?:\/u\/\d+)?\/(?:app|gem\/[^/]+)\/([0-9a-f]{8,})\/?$/i.exec(url.pathname);
    return m?.[1]?.toLowerCase() ?? null;
  },

  root(doc) {
    return querySelectorFirst(doc, ROOTS);
  },

  stopSelector: STOP,

  turns(root, page) {
    const els = querySelectorAllFirst(root, TURNS);
    const seen = new Set<string>();
    const out: Turn[] = [];
    els.forEach((el, i) => {
      const role: Turn['role'] = el.matches(USER) ? 'user' : 'assistant';
      const key = role === 'user' ? promptId(el) : responseId(el);
      if (!key || seen.has(key)) return;
      seen.add(key);
      const last = i === els.length - 1;
      out.push(
        lazyTurn(role, key, el, () => {
          if (role === 'user') return 'complete';
          if (page.generating && last) return 'streaming';
          // The fallback element holds the text only: its footer and actions are beside it.
          const scope = el.matches(TURNS[0]!.css) ? el : (el.parentElement ?? el);
          return scope.querySelector(DONE) ? 'complete' : 'pending';
        }),
      );
    });
    return out;
  },

  text(turn) {
    if (turn.role === 'user') {
      const q = turn.el.querySelector('.query-text') ?? turn.el.querySelector('.query-content');
      return { text: nodeText(q ?? turn.el, SKIP) };
    }
    const answers = Array.from(turn.el.querySelectorAll(ANSWER)).filter(
      (a) => !a.closest(THOUGHTS),
    );
    const text = nodesText(answers, SKIP);
    const reasoning = nodesText(Array.from(turn.el.querySelectorAll(THOUGHTS_TEXT)), SKIP);
    return reasoning ? { text, reasoning } : { text };
  },

  readModel(_turn, doc) {
    const el = querySelectorFirst(doc, MODEL);
    // The 2026 pill shows the model, then the thinking level on a line of its own.
    const first =
      el &&
      nodeText(el, SKIP)
        .split('\n')
        .find((l) => l.trim());
    return first?.trim() || null;
  },

  showsConversation(doc, url) {
    return (
      this.conversationId(url) !== null || doc.querySelector('.conversation-container') !== null
    );
  },
};
