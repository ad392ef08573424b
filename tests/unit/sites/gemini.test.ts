// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { gemini } from '../../../lib/content/sites/gemini';
import type { Turn } from '../../../lib/content/capture/site-adapter';
import { loadFixture } from './load';

// Gemini's saved page (tests/fixtures/gemini.html) beyond the checks every site shares in
// adapters.test.ts: what the spec (NOTES.md §11) says of prompts, thoughts, drafts and ids.

const page = {
  conversationId: 'a90a6a0004767ad3',
  keyPrefix: 'a90a6a0004767ad3',
  generating: false,
};
const read = (doc: Document, generating = false) =>
  gemini.turns(gemini.root(doc) ?? doc.body, { ...page, generating });
const states = (ts: Turn[]) => ts.map((t) => t.state[0]).join('');

describe('gemini.html', () => {
  it('reads each prompt without its "You said" label, and each answer whole', () => {
    const turns = read(loadFixture('gemini.html'));
    expect(turns.map((t) => gemini.text(t).text)).toEqual([
      'How can I check by hand whether 221 is a prime number?',
      expect.stringMatching(
        /^Try dividing it by every prime[\s\S]*221 is odd[\s\S]*divides it exactly\.$/,
      ),
      'Just tell me: is 221 prime?',
      'No. 221 is not prime: 221 = 13 × 17.\n\nIt is a product of two primes, which is why the quick checks for 2, 3 and 5 do not catch it.',
    ]);
  });

  it('a collapsed thoughts panel adds no text; expanded, its text is reasoning, never answer', () => {
    const doc = loadFixture('gemini.html');
    const answer = gemini.text(read(doc)[3]!);
    expect(answer).toEqual({ text: expect.stringMatching(/^No\. 221 is not prime/) });
    // Expanded, the panel holds a second message-content before the answer (gemini-voyager).
    const thoughts = doc.querySelector('model-thoughts')!;
    thoughts.querySelector('button')!.setAttribute('aria-expanded', 'true');
    thoughts.insertAdjacentHTML(
      'beforeend',
      '<div data-test-id="thoughts-content" class="thoughts-content"><message-content>' +
        '<div class="markdown"><p>13 × 17 = 221, so it has two factors.</p></div></message-content></div>',
    );
    const expanded = gemini.text(read(doc)[3]!);
    expect(expanded.text).toBe(answer.text);
    expect(expanded.reasoning).toBe('13 × 17 = 221, so it has two factors.');
    expect(read(doc).map((t) => t.key)[3]).toBe('r_8e1c4a7f0b92d365');
  });

  it('a reply without the footer’s complete class and the action bar is pending, then complete', () => {
    const doc = loadFixture('gemini.html');
    const last = doc.querySelectorAll('model-response')[1]!;
    const footer = last.querySelector('.response-footer')!;
    const actions = last.querySelector('message-actions')!;
    footer.classList.remove('complete');
    actions.remove();
    expect(states(read(doc))).toBe('cccp');
    expect(states(read(doc, true))).toBe('cccs');
    footer.classList.add('complete');
    last.append(actions);
    expect(states(read(doc))).toBe('cccc');
  });

  it('the stop button is known by its class too (the aria-label is localised: hl=fr)', () => {
    const doc = loadFixture('gemini.html');
    const btn = doc.querySelector('#fixture-send-or-stop')!;
    btn.className = 'send-button stop';
    btn.setAttribute('aria-label', 'Arrêter la réponse');
    expect(doc.querySelector(gemini.stopSelector)).toBe(btn);
    btn.className = 'send-button';
    btn.setAttribute('aria-label', 'Envoyer le message');
    expect(doc.querySelector(gemini.stopSelector)).toBeNull();
  });

  it('a Redo (a new draft in the same pair) is a new reply; its prompt keeps its key', () => {
    const doc = loadFixture('gemini.html');
    const before = read(doc).map((t) => t.key);
    const content = doc.querySelectorAll('model-response')[1]!.querySelector('message-content')!;
    content.id = 'message-content-id-r_c05e9a7d13f2b846';
    const after = read(doc).map((t) => t.key);
    expect(after).toEqual([...before.slice(0, 3), 'r_c05e9a7d13f2b846']);
  });

  it('reply keys fall back from the message-content id to the jslog, then to the pair’s id', () => {
    const doc = loadFixture('gemini.html');
    const reply = doc.querySelectorAll('model-response')[0]!;
    reply.querySelector('message-content')!.removeAttribute('id');
    expect(read(doc)[1]!.key).toBe('r_3d7f2b9e41c05a68');
    // The jslog names the reply even where the pair's id differs (a Redo keeps the pair's).
    const container = reply.querySelector('response-container')!;
    container.setAttribute('jslog', container.getAttribute('jslog')!.replace('r_3d7f', 'r_4444'));
    expect(read(doc)[1]!.key).toBe('r_44442b9e41c05a68');
    container.removeAttribute('jslog');
    expect(
      read(doc)
        .map((t) => t.key)
        .slice(0, 2),
    ).toEqual(['q_3d7f2b9e41c05a68', 'r_3d7f2b9e41c05a68']);
  });

  it('with the element names gone (the fallback selectors), turns, keys and states still read', () => {
    const doc = loadFixture('gemini.html');
    const keys = read(doc).map((t) => t.key);
    // As the drift test's 'roles dropped': Angular components renamed, their content kept.
    for (const el of Array.from(doc.querySelectorAll('user-query, model-response'))) {
      const div = doc.createElement('div');
      div.append(...Array.from(el.childNodes));
      el.replaceWith(div);
    }
    const turns = read(doc);
    expect(turns.map((t) => t.role[0]).join('')).toBe('uaua');
    expect(turns.map((t) => t.key)).toEqual(keys);
    // The footer and the action bar sit beside the presented reply, not inside it.
    expect(states(turns)).toBe('cccc');
  });

  it('the model is the mode pill’s first line; the 2025-11 switcher is the fallback', () => {
    const doc = loadFixture('gemini.html');
    const [turn] = read(doc);
    const pill = doc.querySelector('[data-test-id="bard-mode-menu-button"]')!;
    // lr26 (2026-05): the thinking level on a second line, only when not Standard.
    pill.querySelector('.logo-pill-label-container')!.innerHTML = '<span>Pro</span>';
    pill
      .querySelector('.logo-pill-label-container')!
      .insertAdjacentHTML('afterend', '<div class="thinking-level">Extended</div>');
    expect(gemini.readModel(turn!, doc)).toBe('Pro');
    // Before lr26 the label sat in bard-mode-switcher's pill, with no test id.
    pill.removeAttribute('data-test-id');
    pill.querySelector('.thinking-level')!.remove();
    pill.querySelector('span')!.textContent = '2.5 Flash';
    expect(gemini.readModel(turn!, doc)).toBe('2.5 Flash');
    pill.remove();
    expect(gemini.readModel(turn!, doc)).toBeNull();
  });

  it('shows a conversation at /app/<hex> and /gem/<id>/<hex>; an empty new chat shows none', () => {
    const doc = loadFixture('gemini.html');
    expect(
      gemini.showsConversation(doc, new URL(`https://gemini.google.com/app/a90a6a0004767ad3`)),
    ).toBe(true);
    expect(
      gemini.showsConversation(doc, new URL('https://gemini.google.com/gem/5f2c/8e1c4a7f0b92d365')),
    ).toBe(true);
    for (const c of doc.querySelectorAll('.conversation-container')) c.remove();
    expect(gemini.showsConversation(doc, new URL('https://gemini.google.com/app'))).toBe(false);
    expect(read(doc)).toEqual([]);
  });
});
