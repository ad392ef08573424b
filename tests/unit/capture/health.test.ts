import { describe, expect, it } from 'vitest';
import { assessHealth, CONTENT_CHARS_MIN, SETTLE_MS } from '../../../lib/shared/health';

describe('assessHealth', () => {
  it.each([
    [{ conversationUrl: true, turns: 4, contentChars: 0, sinceNavigation: 0 }, 'working'],
    [{ conversationUrl: false, turns: 0, contentChars: 5000, sinceNavigation: 9e9 }, 'working'],
    [{ conversationUrl: true, turns: 0, contentChars: 5000, sinceNavigation: SETTLE_MS - 1 }, null],
    [
      {
        conversationUrl: true,
        turns: 0,
        contentChars: CONTENT_CHARS_MIN - 1,
        sinceNavigation: 9e9,
      },
      null,
    ],
    [
      {
        conversationUrl: true,
        turns: 0,
        contentChars: CONTENT_CHARS_MIN,
        sinceNavigation: SETTLE_MS,
      },
      'broken',
    ],
  ])('%j → %s', (input, state) => {
    expect(assessHealth(input)).toBe(state);
  });
});
