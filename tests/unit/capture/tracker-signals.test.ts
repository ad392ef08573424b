import { describe, expect, it } from 'vitest';
import { SETTLED_MS, STALE_STREAM_MS, Tracker } from '../../../lib/content/capture/tracker';
import type { TurnState } from '../../../lib/content/capture/site-adapter';
import { a, el, HISTORY, kinds, u } from './turns';

// The tracker's fallbacks for a missing or stuck signal, and a reply regenerated in place.

/** A tracker that saw HISTORY, then prompt u3 sent and reply a3 start (generating at t=100). */
function sent(state: TurnState, size: number, node = 'sig-a3') {
  const t = new Tracker();
  t.update(HISTORY, false, 0);
  expect(kinds(t.update([...HISTORY, u('u3')], true, 100))).toEqual(['prompt:u3']);
  const page = (s: TurnState, n: number) => [...HISTORY, u('u3'), a('a3', s, node, n)];
  expect(t.update(page(state, size), true, 200)).toEqual([]);
  return { t, page };
}

describe('Tracker: a reply without its completion marker (pending)', () => {
  it('counts once after SETTLED_MS of unchanged size with no stop button, not before', () => {
    const { t, page } = sent('pending', 40, 'pend-1');
    // The stop button went at t=300; the text last grew at the t=200 snapshot.
    expect(t.update(page('pending', 40), false, 300)).toEqual([]);
    expect(t.update(page('pending', 40), false, 200 + SETTLED_MS - 1)).toEqual([]);
    const done = t.update(page('pending', 40), false, 200 + SETTLED_MS);
    expect(kinds(done)).toEqual(['response:a3']);
    expect(done[0]!.promptKey).toBe('u3');
    expect(t.update(page('pending', 40), false, 200 + 3 * SETTLED_MS)).toEqual([]);
    expect(t.busy).toBe(false);
  });

  it('text still growing without a stop button restarts the wait', () => {
    const { t, page } = sent('pending', 40, 'pend-2');
    expect(t.update(page('pending', 40), false, 1000)).toEqual([]);
    expect(t.update(page('pending', 55), false, 2000)).toEqual([]); // grew
    expect(t.update(page('pending', 55), false, 2000 + SETTLED_MS - 1)).toEqual([]);
    expect(kinds(t.update(page('pending', 55), false, 2000 + SETTLED_MS))).toEqual(['response:a3']);
  });

  it('never while the page shows its stop button (generating), however long', () => {
    const { t, page } = sent('pending', 40, 'pend-3');
    for (const now of [1000, 5000, 60_000, 300_000])
      expect(t.update(page('pending', 40), true, now)).toEqual([]);
    expect(t.streaming).toBe(el('pend-3'));
    // The stop button goes: the wait starts from the last snapshot that still showed it.
    expect(t.update(page('pending', 40), false, 300_001)).toEqual([]);
    expect(t.update(page('pending', 40), false, 300_000 + SETTLED_MS - 1)).toEqual([]);
    expect(kinds(t.update(page('pending', 40), false, 300_000 + SETTLED_MS))).toEqual([
      'response:a3',
    ]);
  });

  it('the completion marker, when it comes, counts at once', () => {
    const { t, page } = sent('pending', 40, 'pend-4');
    expect(kinds(t.update(page('complete', 40), false, 300))).toEqual(['response:a3']);
  });
});

describe('Tracker: a streaming marker that sticks', () => {
  it('counts after STALE_STREAM_MS once generation stopped, not at SETTLED_MS', () => {
    const { t, page } = sent('streaming', 70, 'stale-1');
    expect(t.update(page('streaming', 70), false, 300)).toEqual([]);
    expect(t.update(page('streaming', 70), false, 200 + SETTLED_MS)).toEqual([]);
    expect(t.update(page('streaming', 70), false, 200 + STALE_STREAM_MS - 1)).toEqual([]);
    expect(t.streaming).toBe(el('stale-1'));
    const done = t.update(page('streaming', 70), false, 200 + STALE_STREAM_MS);
    expect(kinds(done)).toEqual(['response:a3']);
    expect(done[0]!.promptKey).toBe('u3');
    expect(t.streaming).toBeNull();
    expect(t.update(page('streaming', 70), false, 200 + 2 * STALE_STREAM_MS)).toEqual([]);
    expect(t.update(page('complete', 70), false, 200 + 3 * STALE_STREAM_MS)).toEqual([]);
  });

  it('not while generating, and growth restarts the wait', () => {
    const { t, page } = sent('streaming', 70, 'stale-2');
    expect(t.update(page('streaming', 70), true, 200 + STALE_STREAM_MS * 3)).toEqual([]);
    const since = 200 + STALE_STREAM_MS * 3;
    expect(t.update(page('streaming', 80), false, since + 1000)).toEqual([]); // grew
    expect(t.update(page('streaming', 80), false, since + 1000 + STALE_STREAM_MS - 1)).toEqual([]);
    expect(kinds(t.update(page('streaming', 80), false, since + 1000 + STALE_STREAM_MS))).toEqual([
      'response:a3',
    ]);
  });
});

describe('Tracker: a known element whose key changes', () => {
  it('while streaming (regenerated in place) counts as a new reply', () => {
    const t = new Tracker();
    const base = [u('r-u1'), a('r-a1'), u('r-u2'), a('r-a2', 'complete', 'regen-el')];
    t.update(base, false, 0);
    const regen = (key: string, state: TurnState) => [
      ...base.slice(0, 3),
      a(key, state, 'regen-el'),
    ];
    expect(t.update(regen('r-a2-v2', 'streaming'), true, 100)).toEqual([]);
    expect(t.streaming).toBe(el('regen-el'));
    const done = t.update(regen('r-a2-v2', 'complete'), false, 200);
    expect(kinds(done)).toEqual(['response:r-a2-v2']);
    expect(done[0]!.promptKey).toBe('r-u2');
    // And a second regeneration of the same element is another one.
    expect(t.update(regen('r-a2-v3', 'streaming'), true, 300)).toEqual([]);
    expect(kinds(t.update(regen('r-a2-v3', 'complete'), false, 400))).toEqual(['response:r-a2-v3']);
    // The older versions shown again are known.
    expect(t.update(regen('r-a2-v2', 'complete'), false, 500)).toEqual([]);
  });

  it('while streaming with no stop button (renamed), it still counts', () => {
    const t = new Tracker();
    const base = [u('s-u1'), a('s-a1', 'complete', 'regen-el2')];
    t.update(base, false, 0);
    expect(t.update([u('s-u1'), a('s-a1b', 'streaming', 'regen-el2')], false, 100)).toEqual([]);
    expect(kinds(t.update([u('s-u1'), a('s-a1b', 'complete', 'regen-el2')], false, 200))).toEqual([
      'response:s-a1b',
    ]);
  });

  it.each([
    ['no generation', false],
    ['while another reply generates', true],
  ])('without streaming counts nothing (%s)', (_name, generating) => {
    const t = new Tracker();
    const base = [u('k-u1', 'k-U1'), a('k-a1', 'complete', 'k-A1')];
    t.update(base, false, 0);
    // Claude's position keys shift, or an id attribute was filled in: same elements.
    const shifted = [u('k-u1*', 'k-U1'), a('k-a1*', 'complete', 'k-A1')];
    expect(t.update(shifted, generating, 100)).toEqual([]);
    expect(t.update(shifted, false, 200 + SETTLED_MS + STALE_STREAM_MS)).toEqual([]);
    expect(t.knownCount).toBe(4);
  });

  it('a user turn whose key changes is no new prompt, even while generating', () => {
    const t = new Tracker();
    t.update([u('p-u1', 'p-U1'), a('p-a1')], false, 0);
    expect(t.update([u('p-u1-id', 'p-U1'), a('p-a1')], true, 100)).toEqual([]);
  });
});
