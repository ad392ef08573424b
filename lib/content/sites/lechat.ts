import { nodeText, nodesText } from '../capture/text';
import type { SiteAdapter, Turn } from '../capture/site-adapter';
import { lazyTurn, querySelectorAllFirst, readThinkLabel, type DatedSelector } from './selectors';

/**
 * Mistral Le Chat (chat.mistral.ai). Evidence: tests/fixtures/NOTES.md §3 (thinner than for
 * the other two; newest 2026-09; none checked against the live site).
 */

const ROWS: readonly DatedSelector[] = [
  { css: '[data-message-author-role]', seen: '2026-07' },
  // TODO [2027-03-01]: fallback from two unnamed 2026 exporters (LOW): rows by class,
  // assistant = has a text-message-part.
  { css: '[class*="group/message"]', seen: '2026-09' },
];
const PART = '[data-testid="text-message-part"], [data-message-part-type]';
const ANSWER = '[data-message-part-type="answer"]';
const REASONING = '[data-message-part-type="reasoning"]';
// Finished row: CodeWebChat's footer path (2026-08, MED), then the copy button outside the
// message parts (unnamed exporter, LOW).
const FOOTER = ':scope > div + div > div:last-child > div:first-child';
const STOP = 'form rect[rx="2"], form button[aria-label^="Stop" i]';
// The mode menu (Fast / Think) is the only model control (CodeWebChat's chevron path, 2026-08).
const MODE = 'form button[aria-haspopup="menu"]:has(path[d="M16 10.5L12 14.5L8 10.5"])';
const SKIP = 'button, .sr-only, [data-testid="code-block"] > div:first-child';
// Reasoning label: the toggle of the reasoning region, `aria-label="Thought for 6s"`, its
// visible text one span per letter ([U-71438601935], 2026; LOW, the only duration Le Chat
// shows); then the reasoning part's header line (the saved page's guess, 2025-26; LOW).
const THINK = 'button[aria-label], [data-message-part-type="reasoning"] > div:first-child';

function roleOf(el: Element): Turn['role'] | null {
  const r = el.getAttribute('data-message-author-role');
  if (r === 'user' || r === 'assistant') return r;
  if (r !== null) return null;
  return el.querySelector(PART) ? 'assistant' : 'user';
}

function keyOf(el: Element): string | null {
  const id = el.getAttribute('data-message-id') ?? (el.id || null);
  if (!id) return null;
  // A rewritten answer may keep its id and bump the version (inference, LOW): a new key.
  const v = el.getAttribute('data-message-version');
  return v && v !== '0' ? `${id}:v${v}` : id;
}

function isFinished(el: Element): boolean {
  if (el.querySelector(FOOTER)) return true;
  for (const b of el.querySelectorAll('button[aria-label="Copy to clipboard"]'))
    if (!b.closest(PART)) return true;
  return false;
}

export const lechat: SiteAdapter = {
  site: 'lechat',
  showsReasoning: true,
  keysAreMessageIds: true,
  attributeFilter: ['data-message-id', 'data-message-version', 'data-message-part-type'],

  conversationId(url) {
    // /chat/<uuid> (2025-07 → 2026-06) and /work/<uuid> (2026-07). /incognito has none.
    const m = /^\/(?:chat|work)\/([0-9a-f]{8}-[0-9a-f-]{27,})/i.exec(url.pathname);
    return m?.[1]?.toLowerCase() ?? null;
  },

  root(doc) {
    return doc.querySelector('main');
  },

  stopSelector: STOP,

  turns(root, page) {
    const byKey = new Map<string, Turn>();
    const order: string[] = [];
    const els = querySelectorAllFirst(root, ROWS);
    els.forEach((el, i) => {
      const role = roleOf(el);
      const key = keyOf(el);
      if (!role || !key) return;
      // Some rows are drawn twice, one copy zero-size (2026-09-07 report). Keep one per id,
      // preferring a copy that is not aria-hidden: no getBoundingClientRect in the hot path.
      const prev = byKey.get(key);
      if (prev && !prev.el.closest('[aria-hidden="true"]')) return;
      const last = i === els.length - 1;
      if (!prev) order.push(key);
      byKey.set(
        key,
        lazyTurn(role, key, el, () => {
          if (role === 'user') return 'complete';
          if (page.generating && last) return 'streaming';
          return isFinished(el) ? 'complete' : 'pending';
        }),
      );
    });
    return order.map((k) => byKey.get(k)!);
  },

  text(turn) {
    if (turn.role === 'user') {
      const t = turn.el.querySelector('.select-text');
      return { text: nodeText(t ?? turn.el, SKIP) };
    }
    // The answer part may carry .markdown-container-style itself or nest it (NOTES §3.1):
    // either way its whole text. The reasoning part is output too, but kept apart.
    let answers = Array.from(turn.el.querySelectorAll(ANSWER));
    if (answers.length === 0)
      answers = Array.from(turn.el.querySelectorAll(PART)).filter((p) => !p.matches(REASONING));
    const reasoning = nodesText(Array.from(turn.el.querySelectorAll(REASONING)), SKIP);
    const text = nodesText(answers, SKIP);
    return reasoning ? { text, reasoning } : { text };
  },

  thinkLabel(turn) {
    return readThinkLabel(turn.el.querySelectorAll(THINK));
  },

  readModel(turn, doc) {
    if (turn.role === 'assistant' && turn.el.querySelector(REASONING)) return 'Think';
    let mode: Element | null = null;
    try {
      mode = doc.querySelector(MODE);
    } catch {
      mode = null; // :has() unsupported
    }
    return mode?.textContent?.trim() || null;
  },

  showsConversation(doc, url) {
    return this.conversationId(url) !== null;
  },
};
