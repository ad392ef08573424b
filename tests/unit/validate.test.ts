import { describe, expect, it } from 'vitest';
import { captureMessageError, senderSite } from '../../lib/validate';

const good = {
  v: 1,
  site: 'chatgpt',
  kind: 'prompt',
  key: 'abc',
  conversationId: null,
  modelLabel: null,
  at: 1,
  text: 'x',
};

describe('senderSite', () => {
  it.each([
    [{ id: 'me', url: 'https://chatgpt.com/c/1', tab: { id: 1 } }, 'chatgpt'],
    [{ id: 'me', url: 'https://chat.openai.com/', tab: { id: 1 } }, 'chatgpt'],
    [{ id: 'me', url: 'https://claude.ai/chat/x', tab: { id: 1 } }, 'claude'],
    [{ id: 'me', url: 'https://chat.mistral.ai/chat/x', tab: { id: 1 } }, 'lechat'],
    [{ id: 'other', url: 'https://chatgpt.com/', tab: { id: 1 } }, null],
    [{ id: 'me', url: 'https://evil.example/', tab: { id: 1 } }, null],
    [{ id: 'me', url: 'https://chatgpt.com.evil.example/', tab: { id: 1 } }, null],
    [{ id: 'me', url: 'http://chatgpt.com/', tab: { id: 1 } }, null],
    [{ id: 'me', url: 'https://chatgpt.com/' }, null],
    [{ id: 'me', url: 'chrome-extension://me/popup.html' }, null],
  ])('%j → %s', (sender, site) => {
    expect(senderSite(sender, 'me')).toBe(site);
  });
});

describe('captureMessageError', () => {
  it('accepts a well-formed message', () => expect(captureMessageError(good)).toBeNull());
  it.each([
    [null, 'not an object'],
    [{ ...good, v: 2 }, 'unknown version'],
    [{ ...good, site: 'bard' }, 'bad site'],
    [{ ...good, kind: 'system' }, 'bad kind'],
    [{ ...good, key: '' }, 'bad key'],
    [{ ...good, at: Number.NaN }, 'bad time'],
    [{ ...good, text: 42 }, 'bad text'],
    [{ ...good, text: 'x'.repeat(10_000_001) }, 'text too long'],
  ])('%#: rejects with %s', (m, err) => {
    expect(captureMessageError(m)).toBe(err);
  });
});
