import { describe, expect, it } from 'vitest';
import { storageKey } from '../../../lib/db/keys';
import { REPLY_READ_SLICES, readReplies } from '../../../lib/db/replies';
import { TokenprintDB } from '../../../lib/db/schema';
import { addInteractions } from '../../../lib/db/write';

const T0 = Date.UTC(2026, 10, 1);
const HOUR = 3_600_000;

describe('readReplies (the routing what-ifs’ input)', () => {
  it('returns every reply of the time range, whichever key slice it is stored in', async () => {
    const database = new TokenprintDB('replies-test');
    await database.open();
    const rows = Array.from({ length: 200 }, (_, i) => ({
      id: `claude:m${i}`,
      at: T0 + i * HOUR,
      site: 'claude' as const,
      conversationId: `c${i % 7}`,
      model: i % 2 ? 'claude-opus-4-1' : 'unknown',
      inputTokens: i,
      outputTokens: 1000 + i,
    }));
    expect(await addInteractions(database, rows)).toBe(200);
    // The ids spread over all the slices, so a slice left unread would lose rows.
    const slices = new Set(
      rows.map((r) => Math.floor(storageKey(r.id) / (2 ** 53 / REPLY_READ_SLICES))),
    );
    expect(slices.size).toBe(REPLY_READ_SLICES);
    const got = await readReplies(database, T0 + 50 * HOUR, T0 + 150 * HOUR);
    expect(got).toHaveLength(100);
    expect(got.map((r) => r.inputTokens).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 100 }, (_, i) => 50 + i),
    );
    expect(got.find((r) => r.inputTokens === 51)).toEqual({
      site: 'claude',
      model: 'claude-opus-4-1',
      inputTokens: 51,
      outputTokens: 1051,
    });
    expect(await readReplies(database, 0, T0)).toEqual([]);
    database.close();
  });

  it('carries the exchange counts the rows hold (issue #14), not their provenance', async () => {
    const database = new TokenprintDB('replies-exchange-test');
    await database.open();
    const base = { site: 'chatgpt' as const, conversationId: 'c', model: 'gpt-5-thinking' };
    await addInteractions(database, [
      {
        ...base,
        id: 'chatgpt:new',
        at: T0,
        inputTokens: 80,
        outputTokens: 400,
        reasoningTokens: 30,
        contextTokens: 3000,
        contextFrom: 'tap',
        thinkMs: 12_000,
        thinkHow: 'duration',
        ttftMs: 13_000,
        streamMs: 6000,
        images: 1,
        fileTokens: 200,
        filesGuessed: 1,
        searches: 2,
      },
      { ...base, id: 'chatgpt:old', at: T0 + HOUR, inputTokens: 50, outputTokens: 100 },
    ]);
    const got = await readReplies(database, T0, T0 + 2 * HOUR);
    expect(got.find((r) => r.inputTokens === 80)).toStrictEqual({
      site: 'chatgpt',
      model: 'gpt-5-thinking',
      inputTokens: 80,
      outputTokens: 400,
      reasoningTokens: 30,
      contextTokens: 3000,
      thinkMs: 12_000,
      streamMs: 6000,
      images: 1,
      fileTokens: 200,
      filesGuessed: 1,
      searches: 2,
    });
    // An older row: its counts only, nothing invented.
    expect(got.find((r) => r.inputTokens === 50)).toStrictEqual({
      site: 'chatgpt',
      model: 'gpt-5-thinking',
      inputTokens: 50,
      outputTokens: 100,
    });
    database.close();
  });
});
