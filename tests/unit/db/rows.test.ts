import { describe, expect, it } from 'vitest';
import {
  conversationRef,
  decodeInteraction,
  encodeInteraction,
  readableRows,
} from '../../../lib/db/rows';
import type { InteractionRow } from '../../../lib/db/schema';

const base: InteractionRow = {
  at: 1_795_428_000_123,
  site: 'claude',
  conversationId: 'c-1',
  model: 'claude-sonnet-4-5',
  inputTokens: 12,
  outputTokens: 345,
};

describe('stored interactions (schema v4)', () => {
  it('round-trip through the array form, reasoning tokens only when given', () => {
    const convs = new Map([
      [conversationRef('c-1'), 'c-1'],
      [conversationRef(''), ''],
    ]);
    const rows: InteractionRow[] = [
      base,
      { ...base, site: 'lechat', reasoningTokens: 40 },
      { ...base, site: 'chatgpt', conversationId: null },
      { ...base, conversationId: '' },
    ];
    for (const r of rows) {
      const v = encodeInteraction(r);
      expect(v).toHaveLength(r.reasoningTokens === undefined ? 6 : 7);
      expect(decodeInteraction(v, convs)).toEqual(r);
    }
    expect(encodeInteraction(base)).toEqual([
      base.at,
      1,
      conversationRef('c-1'),
      'claude-sonnet-4-5',
      12,
      345,
    ]);
  });

  it('pack the whole exchange into one trailing slot; older 6- and 7-slot rows read as unknown', () => {
    const convs = new Map([[conversationRef('c-1'), 'c-1']]);
    const full: InteractionRow = {
      ...base,
      contextTokens: 5400,
      contextFrom: 'dom',
      thinkMs: 32_000,
      thinkHow: 'label',
      ttftMs: 1200,
      streamMs: 8000,
      images: 1,
      fileTokens: 2100,
      filesGuessed: 1,
      searches: 2,
    };
    const cases: InteractionRow[] = [
      full,
      { ...full, reasoningTokens: 0 },
      { ...base, thinkHow: 'unparsed' },
      { ...base, reasoningTokens: 7, searches: 1 },
    ];
    for (const r of cases) {
      const v = encodeInteraction(r);
      expect(v).toHaveLength(8);
      expect(decodeInteraction(v, convs)).toEqual(r);
    }
    // Only the fields up to the last known one are stored.
    expect(encodeInteraction({ ...base, contextTokens: 9 }).at(-1)).toEqual([9]);
    const old = [base.at, 1, conversationRef('c-1'), 'm', 1, 2] as const;
    expect(decodeInteraction([...old], convs)).not.toHaveProperty('contextTokens');
    expect(decodeInteraction([...old, 3], convs)).toMatchObject({ reasoningTokens: 3 });
  });

  it('keep null (no conversation) and "" (a chat without an id) apart', () => {
    expect(conversationRef(null)).toBe(0);
    expect(conversationRef('')).not.toBe(0);
    expect(conversationRef('a')).not.toBe(conversationRef('b'));
  });

  it('read back readable for tests and tools; rows of older schemas pass through', () => {
    const convs = new Map([[conversationRef('c-1'), 'c-1']]);
    expect(readableRows('interactions', [encodeInteraction(base)], convs)).toEqual([base]);
    // v6: [day recorded, conversation ref]; v4–v5: the ref alone.
    expect(readableRows('captured', [[20_415, conversationRef('c-1')]], convs)).toEqual([
      { conversationId: 'c-1', day: 20_415 },
    ]);
    expect(readableRows('captured', [conversationRef('c-1')], convs)).toEqual([
      { conversationId: 'c-1' },
    ]);
    const v3 = { id: 'claude:k', ...base };
    expect(readableRows('interactions', [v3], convs)).toEqual([v3]);
    const pending = { id: 'claude:p', conversationId: 'c-1', tokens: 3 };
    expect(readableRows('prompts', [pending], convs)).toEqual([pending]);
  });
});
