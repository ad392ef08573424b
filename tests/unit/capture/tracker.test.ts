import { describe, expect, it } from 'vitest';
import { PROMPT_GRACE_MS, Tracker } from '../../../lib/content/capture/tracker';
import { a, el, HISTORY, kinds, u } from './turns';

describe('Tracker', () => {
  it('takes the first snapshot as history', () => {
    const t = new Tracker();
    expect(t.update(HISTORY, false, 0)).toEqual([]);
    expect(t.update(HISTORY, false, 10)).toEqual([]);
  });

  it('counts a new prompt when generation starts and the reply once it completes', () => {
    const t = new Tracker();
    t.update(HISTORY, false, 0);
    expect(kinds(t.update([...HISTORY, u('u3')], true, 100))).toEqual(['prompt:u3']);
    expect(t.update([...HISTORY, u('u3'), a('a3', 'streaming')], true, 200)).toEqual([]);
    expect(t.update([...HISTORY, u('u3'), a('a3', 'pending')], false, 300)).toEqual([]);
    const done = t.update([...HISTORY, u('u3'), a('a3')], false, 400);
    expect(kinds(done)).toEqual(['response:a3']);
    expect(done[0]!.promptKey).toBe('u3');
    // Re-render, re-scan: nothing more.
    expect(t.update([...HISTORY, u('u3'), a('a3')], false, 500)).toEqual([]);
    expect(t.busy).toBe(false);
  });

  it('names the turn still streaming (the engine only probes the stop button then), until it completes', () => {
    const t = new Tracker();
    t.update(HISTORY, false, 0);
    expect(t.streaming).toBeNull();
    t.update([...HISTORY, u('u3'), a('a3', 'streaming')], true, 100);
    expect(t.streaming).toBe(el('a3'));
    t.update([...HISTORY, u('u3'), a('a3', 'pending')], true, 200);
    expect(t.streaming).toBe(el('a3')); // watched, not complete yet
    t.update([...HISTORY, u('u3'), a('a3')], false, 300);
    expect(t.streaming).toBeNull();
    t.update([...HISTORY, u('u3'), a('a3'), u('u4'), a('a4', 'streaming')], true, 400);
    t.reset();
    expect(t.streaming).toBeNull();
  });

  it('a reply whose key changes while streaming (same element) counts once, under its final key', () => {
    const t = new Tracker();
    t.update(HISTORY, false, 0);
    t.update([...HISTORY, u('u3'), a('x:1', 'streaming', 'A3')], true, 100);
    t.update([...HISTORY, u('u3'), a('x:2', 'streaming', 'A3')], true, 200);
    const evs = t.update([...HISTORY, u('u3'), a('x:final', 'complete', 'A3')], false, 300);
    expect(kinds(evs)).toEqual(['response:x:final']);
  });

  it('conversations opened or rendered late (complete, no generation) are history', () => {
    const t = new Tracker();
    t.update([], false, 0); // empty at load, the SPA renders later
    const other = [u('b1'), a('b2'), u('b3'), a('b4')];
    expect(t.update(other, false, 100)).toEqual([]);
    expect(t.update(other, true, 200)).toEqual([]); // already known
  });

  it('older messages loaded above the known ones are history, even while generating', () => {
    const t = new Tracker();
    t.update(HISTORY, false, 0);
    const older = [u('o1'), a('o2')];
    expect(t.update([...older, ...HISTORY, u('u3')], true, 100)).toEqual([
      expect.objectContaining({ kind: 'prompt', turn: expect.objectContaining({ key: 'u3' }) }),
    ]);
  });

  it('a last user turn without any answer is history after the grace period', () => {
    const t = new Tracker();
    t.update(HISTORY, false, 0);
    const page = [...HISTORY, u('u3')];
    expect(t.update(page, false, 100)).toEqual([]);
    expect(t.busy).toBe(true);
    expect(t.update(page, false, 100 + PROMPT_GRACE_MS)).toEqual([]);
    expect(t.update(page, true, 200 + PROMPT_GRACE_MS)).toEqual([]); // too late: history
  });

  it('a prompt seen just before the stop button still counts', () => {
    const t = new Tracker();
    t.update(HISTORY, false, 0);
    expect(t.update([...HISTORY, u('u3')], false, 100)).toEqual([]);
    expect(kinds(t.update([...HISTORY, u('u3')], true, 400))).toEqual(['prompt:u3']);
  });

  it('regenerated and edited turns are new; the same key again is not', () => {
    const t = new Tracker();
    t.update(HISTORY, false, 0);
    // Regenerate: the last reply is replaced by a new message that streams.
    t.update([u('u1'), a('a1'), u('u2'), a('a2b', 'streaming')], true, 100);
    expect(kinds(t.update([u('u1'), a('a1'), u('u2'), a('a2b')], false, 200))).toEqual([
      'response:a2b',
    ]);
    // Edit: a new user message replaces u2 and a new reply follows.
    expect(kinds(t.update([u('u1'), a('a1'), u('u2e')], true, 300))).toEqual(['prompt:u2e']);
    t.update([u('u1'), a('a1'), u('u2e'), a('a3', 'streaming')], true, 400);
    expect(kinds(t.update([u('u1'), a('a1'), u('u2e'), a('a3')], false, 500))).toEqual([
      'response:a3',
    ]);
  });

  it('one prompt per generation episode (a remounted user turn is not a second prompt)', () => {
    const t = new Tracker();
    t.update([], false, 0);
    expect(kinds(t.update([u('tmp:0')], true, 100))).toEqual(['prompt:tmp:0']);
    // New chat got its id: keys and elements change while the reply streams.
    t.reset(true);
    const after = [u('id:0', 'U-remounted'), a('id:1', 'streaming')];
    expect(t.update(after, true, 200)).toEqual([]);
    const done = t.update([u('id:0', 'U-remounted'), a('id:1')], false, 300);
    expect(kinds(done)).toEqual(['response:id:1']);
  });

  it('switching conversations ends the episode: the other chat is not counted', () => {
    const t = new Tracker();
    t.update(HISTORY, false, 0);
    t.update([...HISTORY, u('u3'), a('a3', 'streaming')], true, 100);
    t.reset(false);
    expect(t.update([u('b1'), a('b2')], false, 200)).toEqual([]);
  });

  it('a reply streaming at load is counted when it completes (its prompt was history)', () => {
    const t = new Tracker();
    t.update([...HISTORY, u('u3'), a('a3', 'streaming')], true, 0);
    expect(kinds(t.update([...HISTORY, u('u3'), a('a3')], false, 100))).toEqual(['response:a3']);
  });

  it('two exchanges in a row record two of each', () => {
    const t = new Tracker();
    t.update(HISTORY, false, 0);
    const evs: string[] = [];
    const page = [...HISTORY];
    for (const n of [3, 4]) {
      page.push(u(`u${n}`));
      evs.push(...kinds(t.update(page, true, n * 100)));
      page.push(a(`a${n}`, 'streaming'));
      evs.push(...kinds(t.update(page, true, n * 100 + 10)));
      page[page.length - 1] = a(`a${n}`);
      evs.push(...kinds(t.update(page, false, n * 100 + 20)));
    }
    expect(evs).toEqual(['prompt:u3', 'response:a3', 'prompt:u4', 'response:a4']);
  });
});
