import type { Turn, TurnState } from '../../../lib/content/capture/site-adapter';

// Turns as plain objects: the tracker never reads the DOM (elements are identity only).
const els = new Map<string, Element>();
export const el = (name: string) => {
  if (!els.has(name)) els.set(name, { name } as unknown as Element);
  return els.get(name)!;
};
export const u = (key: string, node = key): Turn => ({
  role: 'user',
  key,
  el: el(node),
  state: 'complete',
  size: 10,
});
export const a = (key: string, state: TurnState = 'complete', node = key, size = 10): Turn => ({
  role: 'assistant',
  key,
  el: el(node),
  state,
  size,
});
export const kinds = (evs: { kind: string; turn: Turn }[]) =>
  evs.map((e) => `${e.kind}:${e.turn.key}`);

export const HISTORY = [u('u1'), a('a1'), u('u2'), a('a2')];
