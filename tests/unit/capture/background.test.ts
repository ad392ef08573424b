import { beforeEach, describe, expect, it } from 'vitest';
import { handleCapture, handleHealth } from '../../../lib/worker/background';
import { TokenprintDB } from '../../../lib/db/schema';
import { tabHealthItem } from '../../../lib/shared/health-items';

const ME = 'our-extension-id';
const tab = { id: 7 };
const from = (url: string, over: Record<string, unknown> = {}) => ({
  id: ME,
  url,
  tab,
  frameId: 0,
  ...over,
});
const capture = (over: Record<string, unknown> = {}) => ({
  v: 1,
  site: 'claude',
  kind: 'prompt',
  key: 'conv:0:u:abc',
  conversationId: 'conv',
  modelLabel: 'Sonnet 4.5',
  at: 1_700_000_000_000,
  text: 'hello there',
  ...over,
});

let n = 0;
describe('background handlers', () => {
  let database: TokenprintDB;
  beforeEach(() => {
    database = new TokenprintDB(`bg-${++n}`);
  });

  it.each([
    ['another extension', from('https://claude.ai/chat/x', { id: 'someone-else' })],
    ['a sub-frame', from('https://claude.ai/chat/x', { frameId: 2 })],
    ['no tab (an extension page)', { id: ME, url: 'https://claude.ai/chat/x' }],
    ['plain http', from('http://claude.ai/chat/x')],
    ['another site claiming Claude', from('https://chatgpt.com/c/1')],
    ['a look-alike host', from('https://claude.ai.evil.example/chat/x')],
  ])('refuses a capture from %s and records nothing', async (_what, sender) => {
    const ack = await handleCapture(capture(), sender, ME, database);
    expect(ack.ok).toBe(false);
    expect(await database.captured.count()).toBe(0);
  });

  it('records a valid capture once, and clamps a time in the future', async () => {
    const sender = from('https://claude.ai/chat/x');
    const future = Date.now() + 86_400_000;
    expect(await handleCapture(capture({ at: future }), sender, ME, database)).toEqual({
      ok: true,
    });
    expect(await handleCapture(capture(), sender, ME, database)).toEqual({
      ok: true,
      duplicate: true,
    });
    const [row] = await database.prompts.toArray();
    expect(row!.at).toBeLessThanOrEqual(Date.now());
  });

  it('refuses malformed captures', async () => {
    const sender = from('https://claude.ai/chat/x');
    for (const bad of [null, 'text', capture({ text: 5 }), capture({ extra: true })]) {
      expect((await handleCapture(bad, sender, ME, database)).ok).toBe(false);
    }
    expect(await database.captured.count()).toBe(0);
  });

  it('stores a tab health report for the sender tab only', async () => {
    const sender = from('https://chat.mistral.ai/work/x');
    const report = { v: 1, site: 'lechat', state: 'broken', turns: 0, detail: 'why' };
    expect(await handleHealth(report, sender, ME)).toEqual({ ok: true });
    expect(await tabHealthItem(7).getValue()).toMatchObject({ site: 'lechat', state: 'broken' });
    expect((await handleHealth({ ...report, site: 'claude' }, sender, ME)).ok).toBe(false);
    expect((await handleHealth(report, { ...sender, id: 'x' }, ME)).ok).toBe(false);
  });
});
