import { useEffect, useLayoutEffect, useState } from 'preact/hooks';

/**
 * A value read now and kept current (a Dexie liveQuery or a storage item): started before
 * the first render, so a page's reads run while the rest of its code loads and renders.
 * `get()` is null until the first result.
 * No Dexie here: the popup's first paint imports this module (Dexie loads after that paint).
 */
export interface Live<T> {
  get(): T | null;
  subscribe(f: () => void): () => void;
}

/** A Live whose value is set by its owner. */
export interface LiveSource<T> extends Live<T> {
  set(v: T): void;
}

export function liveSource<T>(): LiveSource<T> {
  let value: T | null = null;
  const subs = new Set<() => void>();
  return {
    get: () => value,
    set(v) {
      value = v;
      for (const f of subs) f();
    },
    subscribe(f) {
      subs.add(f);
      return () => void subs.delete(f);
    },
  };
}

/** The current value of a Live (null until it has one), re-rendering on every change. */
export function useLive<T>(src: Live<T> | null): T | null {
  const value = src?.get() ?? null;
  const [, bump] = useState(0);
  useLayoutEffect(() => {
    if (!src) return;
    const unsub = src.subscribe(() => bump((n) => n + 1));
    // A result that arrived between this render and the subscription.
    if (src.get() !== value) bump((n) => n + 1);
    return unsub;
  }, [src]);
  return value;
}

/**
 * False until the frame after `ready` became true has been painted: work the first paint
 * does not need (all of history, what-ifs, the badge) waits for it.
 */
export function useAfterPaint(ready: boolean): boolean {
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (!ready || done) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // rAF runs before the next paint; a task queued from it runs after that paint.
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setDone(true), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, done]);
  return done;
}
