import { describe, expect, it } from 'vitest';
import { captureMessageError, healthReportError, senderSite } from '../../lib/worker/validate';

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
    [{ id: 'me', url: 'https://chatgpt.com/c/1', tab: { id: 1 }, frameId: 0 }, 'chatgpt'],
    [{ id: 'me', url: 'https://chatgpt.com/c/1', tab: { id: 1 }, frameId: 3 }, null],
    [{ id: 'me', url: 'https://chatgpt.com/c/1', tab: {} }, null],
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
    [{ ...good, reasoning: 'r' }, 'bad reasoning'], // prompts carry none
    [{ ...good, kind: 'response', reasoning: 7 }, 'bad reasoning'],
    [{ ...good, kind: 'response', promptKey: '' }, 'bad promptKey'],
    [{ ...good, kind: 'response', promptKey: 'k'.repeat(201) }, 'bad promptKey'],
    [{ ...good, extra: 1 }, 'unknown field'],
    [{ ...good, conversationId: 5 }, 'bad conversationId'],
    [{ ...good, modelLabel: 'm'.repeat(101) }, 'bad modelLabel'],
  ])('%#: rejects with %s', (m, err) => {
    expect(captureMessageError(m)).toBe(err);
  });
});

describe('healthReportError', () => {
  const ok = { v: 1, site: 'claude', state: 'broken', turns: 0, detail: 'why' };
  it('accepts a well-formed report', () => expect(healthReportError(ok)).toBeNull());
  it.each([
    [{ ...ok, state: 'fine' }, 'bad state'],
    [{ ...ok, turns: -1 }, 'bad turns'],
    [{ ...ok, turns: 1.5 }, 'bad turns'],
    [{ ...ok, site: 'x' }, 'bad site'],
    [{ ...ok, detail: 'd'.repeat(301) }, 'bad detail'],
  ])('%#: rejects with %s', (m, err) => expect(healthReportError(m)).toBe(err));
});
