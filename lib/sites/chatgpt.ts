/**
 * ChatGPT (chatgpt.com, formerly chat.openai.com) page reading.
 * Evidence for every selector: tests/fixtures/NOTES.md §1.
 */

/** A turn the page shows, as the capture engine needs it. */
export interface Turn {
  role: 'user' | 'assistant';
  key: string;
  el: Element;
}

// Turn wrapper: tag-agnostic because it moved <div> → <article> → <section> (2026-03).
const TURN = '[data-testid^="conversation-turn-"]';

/** Conversation id from `/c/<id>` or `/g/<gizmo>/c/<id>`; null for temporary chats. */
export function conversationId(pathname: string): string | null {
  const m = /^\/(?:c|g\/[a-z0-9-]+\/c)\/([a-z0-9-]+)/i.exec(pathname);
  return m?.[1] ?? null;
}

export function listTurns(root: ParentNode): Turn[] {
  const turns: Turn[] = [];
  for (const el of root.querySelectorAll(TURN)) {
    const roleNode = el.querySelector('[data-message-author-role]');
    const role = el.getAttribute('data-turn') ?? roleNode?.getAttribute('data-message-author-role');
    const key = el.getAttribute('data-turn-id') ?? roleNode?.getAttribute('data-message-id');
    if ((role === 'user' || role === 'assistant') && key) turns.push({ role, key, el });
  }
  return turns;
}

/** A turn is complete when nothing streams and its action bar has the copy button. */
export function isComplete(turn: Turn, doc: Document): boolean {
  if (turn.role === 'user') return true;
  if (doc.querySelector('[data-testid="stop-button"]')) return false;
  if (turn.el.querySelector('.result-streaming, [data-streaming-response-status]')) return false;
  return turn.el.querySelector('[data-testid="copy-turn-action-button"]') !== null;
}

export function turnText(turn: Turn): string {
  const sel = turn.role === 'user' ? '.whitespace-pre-wrap' : '.markdown';
  return Array.from(turn.el.querySelectorAll(sel), (n) => n.textContent ?? '').join('\n');
}

export function modelLabel(turn: Turn, doc: Document): string | null {
  const slug = turn.el
    .querySelector('[data-message-model-slug]')
    ?.getAttribute('data-message-model-slug');
  if (slug) return slug;
  const aria = doc
    .querySelector('[data-testid="model-switcher-dropdown-button"]')
    ?.getAttribute('aria-label');
  const m = aria && /current model is (.+)$/i.exec(aria);
  return m?.[1]?.trim() ?? null;
}
