import { describe, expect, it, vi } from 'vitest';
import { DeliveryQueue, MAX_QUEUED } from '../../../lib/content/capture/queue';
import type { CaptureAck, CaptureMessage } from '../../../lib/shared/messaging';

const msg = (key: string): CaptureMessage => ({
  v: 1,
  site: 'chatgpt',
  kind: 'prompt',
  key,
  conversationId: null,
  modelLabel: null,
  at: 1,
  text: 'x',
});

function harness(replies: ((m: CaptureMessage) => CaptureAck | Error)[]) {
  const sent: string[] = [];
  const delays: number[] = [];
  let i = 0;
  const q = new DeliveryQueue({
    send: async (m) => {
      sent.push(m.key);
      const r = replies[Math.min(i++, replies.length - 1)]!(m);
      if (r instanceof Error) throw r;
      return r;
    },
    setTimeout: (fn, ms) => {
      delays.push(ms);
      queueMicrotask(fn);
    },
    isValid: () => true,
  });
  return { q, sent, delays };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('DeliveryQueue', () => {
  it('retries with exponential backoff until the background acknowledges', async () => {
    const down = () => new Error('Could not establish connection. Receiving end does not exist.');
    const { q, sent, delays } = harness([down, down, down, down, () => ({ ok: true })]);
    q.push(msg('a'));
    await vi.waitFor(() => expect(q.size).toBe(0));
    expect(sent).toEqual(['a', 'a', 'a', 'a', 'a']);
    expect(delays).toEqual([500, 1000, 2000, 4000]);
  });

  it('keeps order: the response waits for its prompt', async () => {
    const down = () => new Error('worker restarting');
    const { q, sent } = harness([down, () => ({ ok: true })]);
    q.push(msg('prompt'));
    q.push(msg('response'));
    await vi.waitFor(() => expect(q.size).toBe(0));
    expect(sent).toEqual(['prompt', 'prompt', 'response']);
  });

  it('a duplicate ack is delivery; a refusal is dropped, not retried forever', async () => {
    const { q, sent } = harness([
      () => ({ ok: true, duplicate: true }),
      () => ({ ok: false, error: 'bad key' }),
      () => ({ ok: true }),
    ]);
    q.push(msg('a'));
    q.push(msg('b'));
    q.push(msg('c'));
    await vi.waitFor(() => expect(q.size).toBe(0));
    expect(sent).toEqual(['a', 'b', 'c']);
  });

  it('caps the backoff', async () => {
    const down = () => new Error('down');
    const { q, delays } = harness([...Array(12).fill(down), () => ({ ok: true })]);
    q.push(msg('a'));
    await vi.waitFor(() => expect(q.size).toBe(0));
    expect(Math.max(...delays)).toBe(30_000);
    await flush();
  });
});

describe('DeliveryQueue bounds', () => {
  it(`keeps at most ${MAX_QUEUED} undelivered turns (the one in flight, then the newest)`, async () => {
    let release: (() => void) | undefined;
    const sent: string[] = [];
    const q = new DeliveryQueue({
      send: async (m) => {
        sent.push(m.key);
        if (m.key === 'k0') await new Promise<void>((r) => (release = r));
        return { ok: true };
      },
      setTimeout: (fn) => queueMicrotask(fn),
      isValid: () => true,
    });
    for (let i = 0; i < MAX_QUEUED + 5; i++) q.push(msg(`k${i}`));
    expect(q.size).toBe(MAX_QUEUED);
    release!();
    await vi.waitFor(() => expect(q.size).toBe(0));
    expect(sent[0]).toBe('k0');
    expect(sent.slice(1, 3)).toEqual(['k6', 'k7']);
    expect(sent.at(-1)).toBe(`k${MAX_QUEUED + 4}`);
  });
});
