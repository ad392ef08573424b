// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { claude } from '../../../lib/content/sites/claude';
import { loadFixture } from './load';

/**
 * Issue #13: on a Claude layout whose assistant class had drifted to the fallback the adapter
 * lists, the user selector matched first and the assistant fallback was never tried: prompts
 * found, no reply counted. Each role now has its own fallbacks.
 */
describe('Claude: a later assistant selector is tried even when the user selector matched', () => {
  const page = { conversationId: 'conv', keyPrefix: 'conv', generating: false };

  it.each([
    ['font-claude-response', 'font-claude-response'],
    ['font-claude-message (2024-09 → 2025-12)', 'font-claude-message'],
    ['msg-assistant-pb (2026-09 fallback)', 'msg-assistant-pb-4 relative'],
  ])('assistant class %s: both roles found, in page order', (_name, cls) => {
    const doc = loadFixture('claude.html');
    const root = claude.root(doc) ?? doc.body;
    for (const el of Array.from(root.querySelectorAll('.font-claude-response')))
      el.setAttribute('class', cls);
    const turns = claude.turns(root, page);
    expect(turns.map((t) => t.role[0]).join('')).toBe('uaua');
    // Document order: each reply follows its prompt.
    for (let i = 1; i < turns.length; i++) {
      const rel = turns[i - 1]!.el.compareDocumentPosition(turns[i]!.el);
      expect(rel & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    }
  });

  it('a reply class no selector knows leaves only the prompts (which health then reports)', () => {
    const doc = loadFixture('claude.html');
    const root = claude.root(doc) ?? doc.body;
    for (const el of Array.from(root.querySelectorAll('.font-claude-response')))
      el.setAttribute('class', 'x1f3a9');
    expect(
      claude
        .turns(root, page)
        .map((t) => t.role[0])
        .join(''),
    ).toBe('uu');
  });
});
