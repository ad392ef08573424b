import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { storageKey } from '../../lib/db/keys';
import { allInteractions, conversationRef, getInteraction } from '../../lib/db/rows';
import {
  localDay,
  TokenprintDB,
  type InteractionRowV3,
  type KeyedInteraction,
  type PendingPromptRow,
} from '../../lib/db/schema';
import { addInteractions, addPrompt, addResponse } from '../../lib/db/write';
import { epochDay } from '../../lib/db/window';

let n = 0;
const T = new Date(2026, 10, 23, 10, 0).getTime();
const DAY = localDay(T);

/**
 * addPrompt on the day of T: the prompt-key window is relative to `now`, so these tests keep
 * testing duplicates (not the window) whatever day they run.
 */
const promptAtT = (database: TokenprintDB, p: PendingPromptRow, model: string) =>
  addPrompt(database, p, model, T);

/** An interaction with its message id (as schemas v1–v3 stored it and addResponse takes it). */
const row = (over: Partial<InteractionRowV3>): InteractionRowV3 => ({
  id: 'chatgpt:r',
  at: T,
  site: 'chatgpt',
  conversationId: 'c1',
  model: 'gpt-4o',
  inputTokens: 3,
  outputTokens: 10,
  ...over,
});

/** The same interaction as import hands it to addInteractions: keyed by storageKey(id). */
const keyed = ({ id, ...r }: InteractionRowV3): KeyedInteraction => ({ ...r, key: storageKey(id) });

describe('lib/db/write', () => {
  let database: TokenprintDB;
  beforeEach(() => {
    database = new TokenprintDB(`write-${++n}`);
  });

  it('addInteractions adds new rows once and keeps the rollups in step', async () => {
    const rows = [
      row({ id: 'chatgpt:a', inputTokens: 3, outputTokens: 10 }),
      row({ id: 'chatgpt:b', inputTokens: 4, outputTokens: 20 }),
      row({ id: 'chatgpt:b', inputTokens: 99, outputTokens: 99 }), // duplicate within the batch
      row({ id: 'claude:c', site: 'claude', model: 'unknown', inputTokens: 0, outputTokens: 5 }),
    ];
    expect(await addInteractions(database, rows.map(keyed))).toBe(3);
    expect(await addInteractions(database, rows.map(keyed))).toBe(0);
    const gpt = await database.daily.get([DAY, 'chatgpt', 'gpt-4o']);
    expect(gpt).toEqual({
      day: DAY,
      site: 'chatgpt',
      model: 'gpt-4o',
      prompts: 2,
      count: 2,
      inputTokens: 7,
      inputTokensSq: 9 + 16,
      // No context in these rows: the full input is the prompt alone.
      fullInputSq: 9 + 16,
      outputTokens: 30,
    });
    // No input tokens: no prompt behind it in the rollup.
    expect(await database.daily.get([DAY, 'claude', 'unknown'])).toMatchObject({
      prompts: 0,
      count: 1,
      outputTokens: 5,
    });
    expect(await database.interactions.count()).toBe(3);
  });

  it('addInteractions splits rollups by local day', async () => {
    const next = T + 24 * 3600 * 1000;
    await addInteractions(database, [row({ id: 'x:1' }), row({ id: 'x:2', at: next })].map(keyed));
    expect((await database.daily.toArray()).map((d) => d.day).sort()).toEqual(
      [DAY, localDay(next)].sort(),
    );
  });

  it('addPrompt counts a prompt once and keeps it pending', async () => {
    const p = { id: 'chatgpt:p', at: T, site: 'chatgpt' as const, conversationId: 'c1', tokens: 7 };
    expect(await promptAtT(database, p, 'gpt-4o')).toBe(true);
    expect(await promptAtT(database, p, 'gpt-4o')).toBe(false);
    expect(await database.prompts.count()).toBe(1);
    expect(await database.daily.get([DAY, 'chatgpt', 'gpt-4o'])).toMatchObject({
      prompts: 1,
      count: 0,
    });
  });

  it('addResponse pairs with the named prompt, even from another conversation id', async () => {
    // New chat: the prompt was sent at "/" (no id), the response completed at /c/<id>.
    await promptAtT(
      database,
      { id: 'chatgpt:p0', at: T - 5, site: 'chatgpt', conversationId: '', tokens: 11 },
      'gpt-4o',
    );
    await promptAtT(
      database,
      { id: 'chatgpt:p1', at: T - 1, site: 'chatgpt', conversationId: 'c1', tokens: 2 },
      'gpt-4o',
    );
    const out = await addResponse(database, {
      ...row({ id: 'chatgpt:r1' }),
      promptId: 'chatgpt:p0',
    });
    expect(out).toMatchObject({ inputTokens: 11 });
    expect(out).not.toHaveProperty('promptId');
    expect((await database.prompts.toArray()).map((p) => p.id)).toEqual(['chatgpt:p1']);
    // Without a named prompt: the latest pending one of the same conversation.
    const second = await addResponse(database, row({ id: 'chatgpt:r2' }));
    expect(second).toMatchObject({ inputTokens: 2 });
    expect(await addResponse(database, row({ id: 'chatgpt:r2' }))).toBeNull();
    expect(await database.daily.get([DAY, 'chatgpt', 'gpt-4o'])).toMatchObject({
      prompts: 2,
      count: 2,
      inputTokens: 13,
      inputTokensSq: 121 + 4,
      outputTokens: 20,
    });
  });

  it('a re-captured prompt after pairing is still a duplicate', async () => {
    const p = { id: 'claude:k', at: T, site: 'claude' as const, conversationId: 'c', tokens: 1 };
    await promptAtT(database, p, 'unknown');
    await addResponse(database, row({ id: 'claude:r', site: 'claude', conversationId: 'c' }));
    expect(await database.prompts.count()).toBe(0);
    expect(await promptAtT(database, p, 'unknown')).toBe(false);
    expect(await database.prompts.count()).toBe(0);
  });

  it('rolls up the whole exchange: context with the prefill square, reasoning, stream, extras', async () => {
    const rows = [
      row({
        id: 'chatgpt:x1',
        inputTokens: 10,
        outputTokens: 50,
        reasoningTokens: 8,
        contextTokens: 1200,
        contextFrom: 'tap',
        thinkMs: 32_000,
        thinkHow: 'duration',
        ttftMs: 900,
        streamMs: 4000,
        fileTokens: 300,
        filesGuessed: 1,
        images: 2,
        searches: 1,
      }),
      row({ id: 'chatgpt:x2', inputTokens: 20, outputTokens: 40, thinkHow: 'unparsed' }),
    ];
    await addInteractions(database, rows.map(keyed));
    expect(await database.daily.get([DAY, 'chatgpt', 'gpt-4o'])).toMatchObject({
      count: 2,
      inputTokensSq: 100 + 400,
      contextTokens: 1200,
      contextRows: 1,
      fullInputSq: (10 + 1200 + 300) ** 2 + 20 ** 2,
      thinkMs: 32_000,
      thinkRows: 1,
      thinkVisible: 8,
      streamMs: 4000,
      streamRows: 1,
      images: 2,
      fileTokens: 300,
      filesGuessed: 1,
      searches: 1,
    });
    // The row itself reads back whole; the unparsed label is kept as the reason for none.
    expect(await getInteraction(database, 'chatgpt:x2')).toMatchObject({ thinkHow: 'unparsed' });
    expect(await getInteraction(database, 'chatgpt:x1')).toMatchObject({
      contextTokens: 1200,
      contextFrom: 'tap',
      ttftMs: 900,
    });
  });

  it('a day rolled up before the exchange sums counts its prompts as the full input', async () => {
    await database.daily.put({
      day: DAY,
      site: 'chatgpt',
      model: 'gpt-4o',
      prompts: 1,
      count: 1,
      inputTokens: 7,
      inputTokensSq: 49,
      outputTokens: 5,
    });
    await addInteractions(database, [
      keyed(row({ id: 'chatgpt:n', inputTokens: 3, contextTokens: 4 })),
    ]);
    expect(await database.daily.get([DAY, 'chatgpt', 'gpt-4o'])).toMatchObject({
      fullInputSq: 49 + 49,
      contextTokens: 4,
      contextRows: 1,
    });
  });

  it('keeps reasoningTokens only when given', async () => {
    const a = await addResponse(database, row({ id: 'lechat:a', site: 'lechat' }));
    const b = await addResponse(database, {
      ...row({ id: 'lechat:b', site: 'lechat' }),
      reasoningTokens: 4,
    });
    expect(a).not.toHaveProperty('reasoningTokens');
    expect(b).toMatchObject({ reasoningTokens: 4 });
  });

  it('a failed write leaves neither the row nor its rollup', async () => {
    await expect(
      addInteractions(
        database,
        [row({ id: 'ok:1' }), { ...row({ id: 'bad' }), at: NaN }].map(keyed),
      ),
    ).rejects.toThrow();
    expect(await database.interactions.count()).toBe(0);
    expect(await database.daily.count()).toBe(0);
  });
});

describe('schema v1 → v2 upgrade', () => {
  async function writeV1(name: string, withDaily: boolean) {
    const old = new Dexie(name);
    old.version(1).stores({
      interactions: 'id, at',
      prompts: 'id, at, [site+conversationId]',
      ...(withDaily ? { daily: '[day+site+model], day' } : {}),
    });
    await old
      .table('interactions')
      .bulkAdd([
        row({ id: 'chatgpt:o1', inputTokens: 2, outputTokens: 30 }),
        row({ id: 'chatgpt:o2', inputTokens: 0, outputTokens: 5 }),
      ]);
    await old
      .table('prompts')
      .add({ id: 'chatgpt:p', at: T, site: 'chatgpt', conversationId: 'c1', tokens: 9 });
    if (withDaily)
      await old.table('daily').add({
        day: DAY,
        site: 'chatgpt',
        model: 'gpt-4o',
        prompts: 7,
        count: 7,
        inputTokens: 7,
        inputTokensSq: 7,
        outputTokens: 7,
      });
    old.close();
  }

  it('rebuilds the rollups the skeleton never wrote, and remembers every recorded id', async () => {
    await writeV1('v1-no-daily', false);
    const database = new TokenprintDB('v1-no-daily');
    expect(await database.daily.get([DAY, 'chatgpt', 'gpt-4o'])).toEqual({
      day: DAY,
      site: 'chatgpt',
      model: 'gpt-4o',
      prompts: 1,
      count: 2,
      inputTokens: 2,
      inputTokensSq: 4,
      outputTokens: 35,
    });
    expect(await database.daily.get([DAY, 'chatgpt', 'unknown'])).toMatchObject({ prompts: 1 });
    // Through v3: `captured` keeps the prompt keys; recorded responses are their rows.
    // Through v4: every row under the storage key of its id.
    expect(await database.captured.toCollection().primaryKeys()).toEqual([storageKey('chatgpt:p')]);
    expect(await getInteraction(database, 'chatgpt:o2')).toEqual({
      at: T,
      site: 'chatgpt',
      conversationId: 'c1',
      model: 'gpt-4o',
      inputTokens: 0,
      outputTokens: 5,
    });
    expect(await addResponse(database, row({ id: 'chatgpt:o1' }))).toBeNull();
    // A late re-delivery of the pending prompt is a duplicate; the old prompt still pairs.
    expect(
      await promptAtT(
        database,
        { id: 'chatgpt:p', at: T, site: 'chatgpt', conversationId: 'c1', tokens: 9 },
        'gpt-4o',
      ),
    ).toBe(false);
    expect(await addResponse(database, row({ id: 'chatgpt:new' }))).toMatchObject({
      inputTokens: 9,
    });
    database.close();
  });

  it('keeps rollups that v1 already had', async () => {
    await writeV1('v1-daily', true);
    const database = new TokenprintDB('v1-daily');
    expect(await database.daily.toArray()).toEqual([
      expect.objectContaining({ count: 7, prompts: 7, outputTokens: 7 }),
    ]);
    expect(await database.captured.count()).toBe(1);
    database.close();
  });
});

describe('schema v2 → v3 upgrade (storage per interaction)', () => {
  it('drops the indexes and the response keys, keeps the prompt keys, and still refuses duplicates', async () => {
    const old = new Dexie('v2-db');
    old.version(2).stores({
      interactions: 'id, at',
      prompts: 'id, at, [site+conversationId]',
      daily: '[day+site+model], day',
      captured: 'id, [site+conversationId]',
    });
    await old.table('interactions').add(row({ id: 'chatgpt:r1' }));
    await old.table('captured').bulkAdd([
      { id: 'chatgpt:r1', site: 'chatgpt', conversationId: 'c1', kind: 'response', at: T },
      { id: 'chatgpt:p1', site: 'chatgpt', conversationId: 'c1', kind: 'prompt', at: T },
    ]);
    old.close();

    const database = new TokenprintDB('v2-db');
    await database.open();
    expect(database.verno).toBe(6);
    expect(database.interactions.schema.indexes).toEqual([]);
    expect(database.captured.schema.indexes).toEqual([]);
    expect(await database.captured.toCollection().primaryKeys()).toEqual([
      storageKey('chatgpt:p1'),
    ]);
    expect(await database.interactions.count()).toBe(1);
    // Both kinds of key are still recognised after the upgrade.
    expect(await addResponse(database, row({ id: 'chatgpt:r1' }))).toBeNull();
    expect(
      await promptAtT(
        database,
        { id: 'chatgpt:p1', at: T, site: 'chatgpt', conversationId: 'c1', tokens: 1 },
        'gpt-4o',
      ),
    ).toBe(false);
    database.close();
  });
});

describe('schema v3 → v4 upgrade (number keys)', () => {
  const V3 = {
    interactions: 'id',
    prompts: 'id, at, [site+conversationId]',
    daily: '[day+site+model], day',
    captured: 'id',
  };
  const rollup = {
    day: DAY,
    site: 'lechat',
    model: 'mistral-large',
    prompts: 3,
    count: 2,
    inputTokens: 9,
    inputTokensSq: 41,
    outputTokens: 70,
  };

  async function writeV3(name: string) {
    const old = new Dexie(name);
    old.version(3).stores(V3);
    await old
      .table('interactions')
      .bulkAdd([
        row({ id: 'lechat:r1', site: 'lechat', model: 'mistral-large', reasoningTokens: 4 }),
        row({ id: 'lechat:r2', site: 'lechat', model: 'mistral-large', conversationId: null }),
      ]);
    await old.table('captured').bulkAdd([
      { id: 'lechat:p1', site: 'lechat', conversationId: 'c1', kind: 'prompt', at: T - 9 },
      { id: 'lechat:p3', site: 'lechat', conversationId: 'c1', kind: 'prompt', at: T - 2 },
    ]);
    // p3 is still waiting for its response.
    await old
      .table('prompts')
      .add({ id: 'lechat:p3', at: T - 2, site: 'lechat', conversationId: 'c1', tokens: 6 });
    await old.table('daily').add(rollup);
    old.close();
  }

  it('re-keys every row by storageKey(id) without loss and leaves no staging store', async () => {
    await writeV3('v3-db');
    const database = new TokenprintDB('v3-db');
    await database.open();
    expect(database.verno).toBe(6);
    expect(database.tables.map((t) => t.name).sort()).toEqual([
      'captured',
      'conversations',
      'daily',
      'interactions',
      'prompts',
    ]);
    expect(database.interactions.schema.primKey.keyPath).toBeNull();
    const keys = await database.interactions.toCollection().primaryKeys();
    expect(keys.sort()).toEqual([storageKey('lechat:r1'), storageKey('lechat:r2')].sort());
    const { id: _1, ...r1 } = row({
      id: 'lechat:r1',
      site: 'lechat',
      model: 'mistral-large',
      reasoningTokens: 4,
    });
    expect(await getInteraction(database, 'lechat:r1')).toEqual(r1);
    expect(await getInteraction(database, 'lechat:r2')).toMatchObject({
      conversationId: null,
      site: 'lechat',
    });
    // Stored compactly: an array, the conversation id interned once.
    expect(await database.interactions.get(storageKey('lechat:r1'))).toEqual([
      T,
      2,
      conversationRef('c1'),
      'mistral-large',
      3,
      10,
      4,
    ]);
    // Schema v6: stamped with the upgrade day (the prompt-key window starts from it).
    expect(await database.captured.get(storageKey('lechat:p1'))).toEqual([
      epochDay(Date.now()),
      conversationRef('c1'),
    ]);
    expect(await database.conversations.toArray()).toEqual(['c1']);
    expect((await allInteractions(database)).map((r) => r.conversationId).sort()).toEqual([
      'c1',
      null,
    ]);
    expect(await database.captured.count()).toBe(2);
    expect(await database.daily.toArray()).toEqual([rollup]);
    expect(await database.prompts.toArray()).toEqual([
      { id: 'lechat:p3', at: T - 2, site: 'lechat', conversationId: 'c1', tokens: 6 },
    ]);
    database.close();
  });

  it('after the upgrade, old keys are duplicates and the pending prompt still pairs', async () => {
    await writeV3('v3-db-2');
    const database = new TokenprintDB('v3-db-2');
    const prompt = (id: string) => ({
      id,
      at: T - 1,
      site: 'lechat' as const,
      conversationId: 'c1',
      tokens: 5,
    });
    expect(await promptAtT(database, prompt('lechat:p1'), 'mistral-large')).toBe(false);
    expect(await promptAtT(database, prompt('lechat:p3'), 'mistral-large')).toBe(false);
    expect(await addResponse(database, row({ id: 'lechat:r1', site: 'lechat' }))).toBeNull();
    // A response key that was recorded as a prompt key is refused too (as before v4).
    expect(await addResponse(database, row({ id: 'lechat:p1', site: 'lechat' }))).toBeNull();
    const fresh = await addResponse(database, {
      ...row({ id: 'lechat:r3', site: 'lechat', model: 'mistral-large' }),
      promptId: 'lechat:p3',
    });
    expect(fresh).toMatchObject({ inputTokens: 6 });
    expect(await database.prompts.count()).toBe(0);
    expect(await database.interactions.count()).toBe(3);
    expect(await database.daily.get([DAY, 'lechat', 'mistral-large'])).toMatchObject({
      count: 3,
      prompts: 3,
      outputTokens: 80,
    });
    database.close();
  });
});
