// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { chatgpt } from '../../../lib/content/sites/chatgpt';
import { claude } from '../../../lib/content/sites/claude';
import { lechat } from '../../../lib/content/sites/lechat';
import { gemini } from '../../../lib/content/sites/gemini';
import type { SiteAdapter, Turn } from '../../../lib/content/capture/site-adapter';
import { loadFixture } from './load';

/** The engine's generating signal: the adapter's stop button is on the page. */
const isGenerating = (a: SiteAdapter, doc: Document) => doc.querySelector(a.stopSelector) !== null;

interface Case {
  file: string;
  adapter: SiteAdapter;
  roles: string;
  states: string;
  /** Keys of the turns (or for Claude, their position/role part). */
  keys: string[];
  models: (string | null)[];
  generating: boolean;
  rootTag: string;
}

const read = (c: Case) => {
  const doc = loadFixture(c.file);
  const root = c.adapter.root(doc) ?? doc.body;
  const generating = isGenerating(c.adapter, doc);
  const turns = c.adapter.turns(root, { conversationId: 'conv', keyPrefix: 'conv', generating });
  return { doc, root, generating, turns };
};
const roles = (ts: Turn[]) => ts.map((t) => t.role[0]).join('');
const states = (ts: Turn[]) => ts.map((t) => t.state[0]).join('');

const CASES: Case[] = [
  {
    file: 'chatgpt.html',
    adapter: chatgpt,
    roles: 'uaua',
    states: 'cccc',
    keys: [
      'b1f7d0a2-3c4e-4b6f-9a1d-2e3f4a5b6c71',
      'c2e8f4a6-5b7d-4e9f-a1b3-4c5d6e7f8a93',
      'f5b2c8d4-0e6a-4b3c-87d9-6e7f8a9b0c15',
      '1b7c3d9e-5f2a-4b8c-ad4e-8a9b0c1d2e37',
    ],
    models: ['4o', 'gpt-4o', '4o', 'gpt-4o'],
    generating: false,
    rootTag: 'MAIN',
  },
  {
    file: 'chatgpt-2025-article.html',
    adapter: chatgpt,
    roles: 'uauau',
    // Turn 3 (user) has no action bar; that never matters for users. Turn 4 has two nodes.
    states: 'ccccc',
    keys: [
      'aaaa0001-0000-4000-8000-000000000001',
      'aaaa0002-0000-4000-8000-000000000002',
      'aaaa0003-0000-4000-8000-000000000003',
      'aaaa0004-0000-4000-8000-000000000004',
      'aaaa0006-0000-4000-8000-000000000006',
    ],
    models: ['o3', 'o3', 'o3', 'o3', 'o3'],
    generating: false,
    rootTag: 'MAIN',
  },
  {
    file: 'claude.html',
    adapter: claude,
    roles: 'uaua',
    states: 'cccc',
    keys: ['conv:0:u', 'conv:1:a', 'conv:2:u', 'conv:3:a'],
    models: ['Sonnet 4', 'Sonnet 4', 'Sonnet 4', 'Sonnet 4'],
    generating: false,
    rootTag: 'DIV',
  },
  {
    file: 'claude-2025-font-claude-message.html',
    adapter: claude,
    roles: 'uaua',
    states: 'cccs',
    keys: ['conv:0:u', 'conv:1:a', 'conv:2:u', 'conv:3:a'],
    models: ['Claude 3.5 Sonnet', 'Claude 3.5 Sonnet', 'Claude 3.5 Sonnet', 'Claude 3.5 Sonnet'],
    generating: true,
    rootTag: 'MAIN',
  },
  {
    file: 'lechat.html',
    adapter: lechat,
    roles: 'uaua',
    states: 'cccc',
    keys: [
      '2b9d4f61-0c3e-4a7b-8d5f-1e3a5c7e9b01',
      '3c0e5a72-1d4f-4b8c-9e60-2f4b6d8f0c12',
      '4d1f6b83-2e50-4c9d-8f71-3a5c7e9a1d23',
      '5e2a7c94-3f61-4dae-9a82-4b6d8fab2e34',
    ],
    models: ['Fast', 'Fast', 'Fast', 'Think'],
    generating: false,
    rootTag: 'MAIN',
  },
  {
    file: 'lechat-2026-work.html',
    adapter: lechat,
    roles: 'uaua',
    states: 'cccs',
    keys: [
      '11111111-0000-4000-8000-000000000001',
      '11111111-0000-4000-8000-000000000002',
      '11111111-0000-4000-8000-000000000003',
      '11111111-0000-4000-8000-000000000004',
    ],
    models: ['Think', 'Think', 'Think', 'Think'],
    generating: true,
    rootTag: 'MAIN',
  },
  {
    // Prompts take their pair's id (q_), replies their own (r_); the mode pill reads "Fast".
    file: 'gemini.html',
    adapter: gemini,
    roles: 'uaua',
    states: 'cccc',
    keys: ['q_3d7f2b9e41c05a68', 'r_3d7f2b9e41c05a68', 'q_8e1c4a7f0b92d365', 'r_8e1c4a7f0b92d365'],
    models: ['Fast', 'Fast', 'Fast', 'Fast'],
    generating: false,
    // The spec's root: the history's infinite-scroller (its parent #chat-history would do too).
    rootTag: 'INFINITE-SCROLLER',
  },
];

describe.each(CASES)('$file', (c) => {
  const { doc, root, generating, turns } = read(c);

  it('finds the root, the turns, their roles and states', () => {
    expect(root.tagName).toBe(c.rootTag);
    expect(generating).toBe(c.generating);
    expect(roles(turns)).toBe(c.roles);
    expect(states(turns)).toBe(c.states);
  });

  it('reads stable keys', () => {
    const keys = turns.map((t) => t.key);
    keys.forEach((k, i) => expect(k.startsWith(c.keys[i]!)).toBe(true));
    expect(new Set(keys).size).toBe(keys.length);
    // Same page parsed again (a reload, a re-render): same keys. A reply Claude is still
    // streaming is keyed by its element (nothing is reported under that key; see below).
    const stable = (ts: Turn[]) =>
      ts.map((t) => (c.adapter === claude && t.state === 'streaming' ? 'streaming' : t.key));
    expect(stable(read(c).turns)).toEqual(stable(turns));
  });

  it('reads the model the page shows', () => {
    expect(turns.map((t) => c.adapter.readModel(t, doc))).toEqual(c.models);
  });

  it('reads non-empty text with no page chrome in it', () => {
    for (const t of turns) {
      const { text } = c.adapter.text(t);
      expect(text.length).toBeGreaterThan(3);
      expect(text).not.toMatch(/Copy code|You said|ChatGPT said:|Claude responded:|Show thinking/);
    }
  });
});

describe('site specifics', () => {
  it('ChatGPT: a turn with several assistant nodes counts once, with all their text', () => {
    const { turns } = read(CASES[1]!);
    const t = turns[3]!;
    expect(t.el.querySelectorAll('[data-message-author-role="assistant"]')).toHaveLength(2);
    const { text } = chatgpt.text(t);
    expect(text).toContain('Split 23 into 20 and 3.');
    expect(text).toContain('340 + 51 = 391');
  });

  it('ChatGPT: code blocks lose their header chrome but keep their lines', () => {
    const { turns } = read(CASES[0]!);
    const { text } = chatgpt.text(turns[1]!);
    expect(text).toContain('numbers = [1, 2, 3, 4, 5, 6]\nevens = [n for n in numbers');
    expect(text).not.toMatch(/^python/m);
  });

  it('Le Chat: reasoning is kept apart from the answer, nested or not', () => {
    const flat = read(CASES[4]!).turns[3]!;
    expect(lechat.text(flat)).toEqual({
      text: expect.stringContaining('Two common options'),
      reasoning: expect.stringContaining('globstar or find both work'),
    });
    expect(lechat.text(flat).text).not.toContain('globstar or find both work');
    const nested = read(CASES[5]!).turns[1]!;
    expect(lechat.text(nested)).toEqual({
      text: 'The Loire, the Seine and the Rhône.',
      reasoning: 'Major rivers: Loire is longest.',
    });
  });

  it('Le Chat: of a row drawn twice, the visible copy is kept', () => {
    const { turns } = read(CASES[5]!);
    expect(turns).toHaveLength(4);
    for (const t of turns) expect(t.el.closest('[aria-hidden="true"]')).toBeNull();
  });

  it('Le Chat: a rewritten answer (new version) gets a new key', () => {
    const { doc, turns } = read(CASES[4]!);
    turns[3]!.el.setAttribute('data-message-version', '1');
    const again = lechat.turns(lechat.root(doc)!, {
      conversationId: 'c',
      keyPrefix: 'c',
      generating: false,
    });
    expect(again[3]!.key).toBe('5e2a7c94-3f61-4dae-9a82-4b6d8fab2e34:v1');
  });

  it.each([
    ['chatgpt', chatgpt, 'chatgpt.html'],
    ['lechat', lechat, 'lechat.html'],
    ['gemini', gemini, 'gemini.html'],
  ] as const)(
    '%s: while generating, the last reply is streaming, earlier ones complete',
    (_n, a, f) => {
      const doc = loadFixture(f);
      const root = a.root(doc)!;
      const turns = a.turns(root, { conversationId: 'c', keyPrefix: 'c', generating: true });
      expect(states(turns)).toBe('cccs');
    },
  );

  // The composer's send button turns into the stop button and back, the same element (as the
  // saved pages' simulators do it): the engine re-checks the element it found with `matches`.
  it.each([
    [
      'chatgpt',
      chatgpt,
      'chatgpt.html',
      '#composer-submit-button',
      'data-testid',
      'stop-button',
      'send-button',
    ],
    [
      'claude',
      claude,
      'claude.html',
      '#fixture-send-or-stop',
      'aria-label',
      'Stop response',
      'Send message',
    ],
    [
      'lechat',
      lechat,
      'lechat.html',
      '#fixture-send-or-stop',
      'aria-label',
      'Stop generation',
      'Send question',
    ],
    [
      'gemini',
      gemini,
      'gemini.html',
      '#fixture-send-or-stop',
      'aria-label',
      'Stop response',
      'Send message',
    ],
  ] as const)(
    '%s: the stop button found by stopSelector stops matching when it turns back',
    (_n, a, f, id, attr, on, off) => {
      const doc = loadFixture(f);
      const btn = doc.querySelector(id)!;
      btn.setAttribute(attr, on);
      expect(isGenerating(a, doc)).toBe(true);
      const found = doc.querySelector(a.stopSelector)!;
      expect(found === btn || btn.contains(found)).toBe(true);
      expect(found.matches(a.stopSelector)).toBe(true);
      btn.setAttribute(attr, off);
      btn.querySelector('svg')?.remove(); // the stop icon goes with it
      expect(found.isConnected && found.matches(a.stopSelector)).toBe(false);
      expect(isGenerating(a, doc)).toBe(false);
    },
  );

  it('ChatGPT: an assistant turn without its action bar is pending, with a marker streaming', () => {
    const doc = loadFixture('chatgpt.html');
    const last = doc.querySelector('[data-testid="conversation-turn-4"]')!;
    last.querySelector('[role="group"]')!.remove();
    const page = { conversationId: 'c', keyPrefix: 'c', generating: false };
    expect(chatgpt.turns(doc.querySelector('main')!, page)[3]!.state).toBe('pending');
    last.querySelector('.markdown')!.classList.add('result-streaming');
    expect(chatgpt.turns(doc.querySelector('main')!, page)[3]!.state).toBe('streaming');
  });

  it('Claude: the key follows the text (an edited prompt or a retried reply is new)', () => {
    const doc = loadFixture('claude.html');
    const root = claude.root(doc)!;
    const page = { conversationId: 'c', keyPrefix: 'c', generating: false };
    const before = claude.turns(root, page).map((t) => t.key);
    doc.querySelectorAll('[data-testid="user-message"] p')[1]!.textContent = 'Edited prompt';
    const after = claude.turns(root, page).map((t) => t.key);
    expect(after[2]).not.toBe(before[2]);
    expect([after[0], after[1], after[3]]).toEqual([before[0], before[1], before[3]]);
  });

  it('Claude: a streaming reply is keyed by its element, not its text; complete, by its text', () => {
    const doc = loadFixture('claude-2025-font-claude-message.html');
    const root = claude.root(doc)!;
    const page = { conversationId: 'c', keyPrefix: 'c', generating: true };
    const first = claude.turns(root, page)[3]!;
    expect(first.state).toBe('streaming');
    first.el.querySelector('p')!.append(' snow on snow');
    const grown = claude.turns(root, page)[3]!;
    expect(grown.key).toBe(first.key);
    // The same reply drawn again by a new element (a re-render) is another watched element.
    const copy = first.el.parentElement!.cloneNode(true) as Element;
    first.el.parentElement!.replaceWith(copy);
    const redrawn = claude.turns(root, page)[3]!;
    expect(redrawn.el).toBe(copy.firstElementChild);
    expect(redrawn.key).not.toBe(first.key);
    // Complete: the text key, the same as any later parse of the page gives it.
    copy.setAttribute('data-is-streaming', 'false');
    const done = claude.turns(root, { ...page, generating: false })[3]!;
    expect(done.state).toBe('complete');
    expect(done.key).toMatch(/^c:3:a:[0-9a-z]+$/);
    const fresh = doc.implementation.createHTMLDocument('again');
    fresh.body.innerHTML = doc.body.innerHTML;
    const again = claude.turns(claude.root(fresh)!, { ...page, generating: false })[3]!;
    expect(again.key).toBe(done.key);
  });

  it.each([
    [
      chatgpt,
      'https://chatgpt.com/c/6870a3f2-1b4c-8004-9d3e-2f1c5a7b9e10',
      '6870a3f2-1b4c-8004-9d3e-2f1c5a7b9e10',
    ],
    [chatgpt, 'https://chatgpt.com/g/g-p-abc123/c/68a0b1c2-0000-8000', '68a0b1c2-0000-8000'],
    [chatgpt, 'https://chatgpt.com/?temporary-chat=true', null],
    [chatgpt, 'https://chatgpt.com/share/6870a3f2-1b4c', null],
    [
      claude,
      'https://claude.ai/chat/4f6b2d8e-1a3c-4e5f-9b7d-2c4e6f8a0b13',
      '4f6b2d8e-1a3c-4e5f-9b7d-2c4e6f8a0b13',
    ],
    [claude, 'https://claude.ai/new?incognito', null],
    [claude, 'https://claude.ai/chat/not-a-uuid', null],
    [
      lechat,
      'https://chat.mistral.ai/chat/8c1e5a3f-7b2d-4f6e-9a0c-3d5e7f9b1c24',
      '8c1e5a3f-7b2d-4f6e-9a0c-3d5e7f9b1c24',
    ],
    [
      lechat,
      'https://chat.mistral.ai/work/24cad125-0a1b-4c2d-8e3f-4a5b6c7d8e9f',
      '24cad125-0a1b-4c2d-8e3f-4a5b6c7d8e9f',
    ],
    [lechat, 'https://chat.mistral.ai/incognito', null],
    [lechat, 'https://chat.mistral.ai/chat', null],
    [gemini, 'https://gemini.google.com/app/a90a6a0004767ad3', 'a90a6a0004767ad3'],
    [gemini, 'https://gemini.google.com/u/1/app/a90a6a0004767ad3', 'a90a6a0004767ad3'],
    [gemini, 'https://gemini.google.com/gem/5f2c9a41e7d3/8e1c4a7f0b92d365', '8e1c4a7f0b92d365'],
    [
      gemini,
      'https://gemini.google.com/u/0/gem/coding-partner/3d7f2b9e41c05a68',
      '3d7f2b9e41c05a68',
    ],
    [gemini, 'https://gemini.google.com/app', null],
    [gemini, 'https://gemini.google.com/u/2/app', null],
    [gemini, 'https://gemini.google.com/gem/5f2c9a41e7d3', null],
    [gemini, 'https://gemini.google.com/share/6a1f0c3d9e2b', null],
  ])('%#: conversation id of $1', (a, url, id) => {
    expect(a.conversationId(new URL(url))).toBe(id);
  });

  it.each([
    ['chatgpt', chatgpt],
    ['claude', claude],
    ['lechat', lechat],
    ['gemini', gemini],
  ] as const)('%s: odd or partial DOM gives no turns and no exception', (_n, a) => {
    const doc = document.implementation.createHTMLDocument('odd');
    doc.body.innerHTML = `<main><section data-testid="conversation-turn-1"></section>
      <div data-message-author-role="robot"></div><div data-testid="user-message"></div>
      <div class="font-claude-response"></div><div data-message-author-role="assistant"></div>
      <user-query></user-query><model-response><message-content></message-content></model-response>
      <div class="conversation-container"><model-response jslog="r_"></model-response></div></main>`;
    const root = a.root(doc) ?? doc.body;
    const page = { conversationId: null, keyPrefix: 'tmp', generating: false };
    expect(() => a.turns(root, page)).not.toThrow();
    for (const t of a.turns(root, page)) {
      expect(() => a.text(t)).not.toThrow();
      expect(() => a.readModel(t, doc)).not.toThrow();
    }
  });
});
