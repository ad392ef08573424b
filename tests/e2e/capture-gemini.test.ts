import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  convPath,
  dailyTotal,
  defineCaptureSuite,
  expectCounts,
  OTHER_SITE,
  recorded,
  settle,
} from './capture-helpers';
import { launch, openChat, served, type Harness } from './harness';

defineCaptureSuite('gemini', () => launch({ [OTHER_SITE]: 'chatgpt-2025-article.html' }));

/** The inner request of a StreamGenerate form body (f.req=[null, "<inner JSON>"]). */
const innerOf = (body: string): unknown[] =>
  JSON.parse(
    (JSON.parse(new URLSearchParams(body).get('f.req')!) as [null, string])[1],
  ) as unknown[];

describe('Gemini specifics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });
  const FAST = '&startDelay=700&duration=600';

  it('a temporary chat (/app, inner[45]=1) counts its exchange once, under no conversation', async () => {
    const before = await settle(h, '');
    const count = await dailyTotal(h, 'count');
    const prompts = await dailyTotal(h, 'prompts');
    const page = await openChat(h, 'gemini', `?temporary=1&stream=1${FAST}`, '/app');
    const sent = await page.evaluate(
      () => (window as unknown as { __fixtureTraffic: { sent: string[] } }).__fixtureTraffic.sent,
    );
    expect(sent).toHaveLength(1);
    const inner = innerOf(sent[0]!);
    expect(inner[45]).toBe(1);
    expect(inner[2]).toEqual(['', '', '']);
    const after = await settle(h, '', 1500);
    expect(after.interactions.length - before.interactions.length).toBe(1);
    expect(await dailyTotal(h, 'count')).toBe(count + 1);
    expect(await dailyTotal(h, 'prompts')).toBe(prompts + 1);
    // Its response still names a conversation (c_…): Gemini keeps it out of history, so must we.
    const stream = served.filter((s) => s.url.includes('/StreamGenerate')).at(-1)!;
    const named = /c_([0-9a-f]{16})/.exec(stream.body)![1]!;
    const under = await recorded(h, named);
    expect([under.interactions.length, under.captured.length, under.pending.length]).toEqual([
      0, 0, 0,
    ]);
    await page.close();
  });

  it('a conversation with a Gem (/gem/<gem>/<hex>) is recorded under its hex', async () => {
    const { id } = convPath('gemini', 901);
    const page = await openChat(h, 'gemini', `?stream=1${FAST}`, `/gem/5f2c9a41e7d3/${id}`);
    const r = await expectCounts(h, id, { interactions: 1, captured: 2 });
    expect(r.interactions[0]!.conversationId).toBe(id);
    expect(r.interactions[0]!.model).toBe('gemini-3-flash'); // "Fast", an assumed mapping
    // The request continued the conversation: the last reply shown before it, in inner[2].
    const sent = await page.evaluate(
      () => (window as unknown as { __fixtureTraffic: { sent: string[] } }).__fixtureTraffic.sent,
    );
    expect(innerOf(sent[0]!)[2]).toEqual([`c_${id}`, 'r_8e1c4a7f0b92d365', 'rc_7734201958846612']);
    await page.close();
  });

  it('a reply that thinks: its thoughts count as reasoning output, apart from the answer', async () => {
    const { path, id } = convPath('gemini', 902);
    const page = await openChat(h, 'gemini', `?stream=1&thinking=1${FAST}`, path);
    const r = await expectCounts(h, id, { interactions: 1, captured: 2 });
    const row = r.interactions[0]!;
    // The thoughts (cand[37], collapsed on the page) are ~20 tokens; the answer ~45 more.
    expect(Number(row.reasoningTokens)).toBeGreaterThan(10);
    expect(Number(row.outputTokens)).toBeGreaterThan(Number(row.reasoningTokens) + 30);
    expect(row.model).toBe('gemini-3-flash-thinking'); // the pill read "Thinking"
    await page.close();
  });
});
