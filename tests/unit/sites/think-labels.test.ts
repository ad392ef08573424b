// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { chatgpt } from '../../../lib/content/sites/chatgpt';
import { claude } from '../../../lib/content/sites/claude';
import { lechat } from '../../../lib/content/sites/lechat';
import { gemini } from '../../../lib/content/sites/gemini';
import type { SiteAdapter } from '../../../lib/content/capture/site-adapter';
import { loadFixture } from './load';

// What each adapter reads of the reasoning labels the saved pages show (issue #14; the
// wordings and their evidence: tests/fixtures/NOTES.md §13). One reading per reply, in order.
const labels = (adapter: SiteAdapter, file: string) => {
  const doc = loadFixture(file);
  const root = adapter.root(doc) ?? doc.body;
  return adapter
    .turns(root, { conversationId: 'c', keyPrefix: 'c', generating: false })
    .filter((t) => t.role === 'assistant')
    .map((t) => adapter.thinkLabel?.(t) ?? null);
};
const ms = (n: number) => ({ how: 'label', ms: n });
const UNPARSED = { how: 'unparsed' };

describe('reasoning labels on the saved pages', () => {
  it.each([
    [
      chatgpt,
      'chatgpt-2026-reasoning.html',
      [ms(32_000), ms(65_000), ms(8000), ms(5000), UNPARSED, ms(137_000), null],
    ],
    // The pill's screen-reader copy is not read twice; 'Searched the web' is not a label.
    [claude, 'claude-2026-reasoning.html', [ms(12_000), ms(65_000), ms(45_000), UNPARSED, null]],
    // The toggle's letters (one span each) or its aria-label; « Réfléchi » alone has no time.
    [lechat, 'lechat-2026-reasoning.html', [ms(6000), ms(12_000), UNPARSED, null]],
    // The earlier pages: no label, except Le Chat's Think reply (its header line, 2025-26).
    [chatgpt, 'chatgpt.html', [null, null]],
    [chatgpt, 'chatgpt-2025-article.html', [null, null]],
    [claude, 'claude.html', [null, null]],
    [lechat, 'lechat.html', [null, ms(3000)]],
  ])('%#: %s', (adapter, file, want) => {
    expect(labels(adapter as SiteAdapter, file as string)).toEqual(want);
  });

  it('Gemini shows no duration, so its adapter reads none (NOTES.md §11.7)', () => {
    expect(gemini.thinkLabel).toBeUndefined();
  });

  it('a label does not change the reply text the adapters read', () => {
    const doc = loadFixture('chatgpt-2026-reasoning.html');
    const turns = chatgpt.turns(doc.querySelector('main')!, {
      conversationId: 'c',
      keyPrefix: 'c',
      generating: false,
    });
    expect(chatgpt.text(turns[1]!).text).toBe(
      'Around 14 °C in the afternoon, with showers in the morning.',
    );
    const c = loadFixture('claude-2026-reasoning.html');
    const ct = claude.turns(c.querySelector('main')!, {
      conversationId: 'c',
      keyPrefix: 'c',
      generating: false,
    });
    expect(claude.text(ct[1]!).text).not.toMatch(/Thought/);
  });
});
