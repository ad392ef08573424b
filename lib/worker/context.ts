import { storage } from 'wxt/utils/storage';
import { countSiteTokens } from '../model/tokenize';
import type { ContextTurn } from '../shared/messaging';
import type { SiteId } from '../shared/types';

/**
 * What the worker has counted of each conversation's turns (issue #14): keys, parent links
 * and token counts, never text. Kept in `storage.session` so the MV3 worker's restarts and a
 * page reload cost no re-tokenizing; a browser restart clears it (a reopened conversation is
 * then counted once more).
 */

/** One conversation's turns: parallel arrays, parents as indexes (-1: the root). */
interface Stored {
  keys: string[];
  parents: number[];
  /** Tokens of each turn; -1 when the turn is known only as someone's parent. */
  tokens: number[];
}

/** Most turns kept per conversation and in all (storage.session holds 10 MB in Chrome). */
export const MAX_TURNS = 20_000;
export const MAX_TOTAL_TURNS = 100_000;
const INDEX = 'session:ctx:index' as const;

/** Where the ledger lives; tests pass a map. */
export interface LedgerStore {
  get<T>(key: string): Promise<T | null>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

const sessionStore: LedgerStore = {
  get: <T>(key: string) => storage.getItem<T>(key as `session:${string}`),
  set: (key, value) => storage.setItem(key as `session:${string}`, value),
  remove: (key) => storage.removeItem(key as `session:${string}`),
};

class Branches {
  readonly index = new Map<string, number>();
  constructor(readonly s: Stored) {
    s.keys.forEach((k, i) => this.index.set(k, i));
  }

  /** The node of `key`, added (count unknown) when new; -1 when the conversation is full. */
  node(key: string): number {
    let i = this.index.get(key);
    if (i !== undefined) return i;
    if (this.s.keys.length >= MAX_TURNS) return -1;
    i = this.s.keys.push(key) - 1;
    this.s.parents.push(-1);
    this.s.tokens.push(-1);
    this.index.set(key, i);
    return i;
  }

  link(key: string, parent: string | null): number {
    const i = this.node(key);
    if (i >= 0 && parent !== null) this.s.parents[i] = this.node(parent);
    return i;
  }
}

export class ContextCounts {
  readonly #store: LedgerStore;
  readonly #open = new Map<string, Branches>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(store: LedgerStore = sessionStore) {
    this.#store = store;
  }

  /**
   * History turns from a content script: those with text are tokenized and kept as counts;
   * returns the keys among `turns` without a count (the content script sends their text).
   */
  turns(site: SiteId, conv: string, turns: ContextTurn[]): Promise<string[]> {
    return this.#with(site, conv, async (b) => {
      const missing: string[] = [];
      for (const t of turns) {
        const i = b.link(t.key, t.parent);
        if (i < 0) continue;
        if (t.text !== undefined) b.s.tokens[i] = (await countSiteTokens(t.text, site)).tokens;
        else if (b.s.tokens[i]! < 0) missing.push(t.key);
      }
      return missing;
    });
  }

  /** A captured turn's count (a prompt's files are added to it later with `add`). */
  note(
    site: SiteId,
    conv: string,
    key: string,
    parent: string | null,
    tokens: number,
  ): Promise<void> {
    return this.#with(site, conv, (b) => {
      const i = b.link(key, parent);
      if (i >= 0) b.s.tokens[i] = tokens;
      return Promise.resolve();
    });
  }

  /** Adds tokens to a counted turn (files attached to a prompt enter every later context). */
  add(site: SiteId, conv: string, key: string, tokens: number): Promise<void> {
    return this.#with(site, conv, (b) => {
      const i = b.index.get(key);
      if (i !== undefined && b.s.tokens[i]! >= 0) b.s.tokens[i]! += tokens;
      return Promise.resolve();
    });
  }

  /**
   * Tokens on the branch from `anchor` up to its root; `whole` is false when a turn on it
   * has no count or its parent is unknown (the sum is then a lower bound).
   */
  sum(
    site: SiteId,
    conv: string,
    anchor: string | null,
  ): Promise<{ tokens: number; whole: boolean }> {
    return this.#with(
      site,
      conv,
      (b) => {
        let tokens = 0;
        let whole = true;
        let i = anchor === null ? -1 : (b.index.get(anchor) ?? -2);
        if (i === -2) whole = false;
        for (let steps = 0; i >= 0 && steps <= b.s.keys.length; steps++) {
          const n = b.s.tokens[i]!;
          if (n < 0) whole = false;
          else tokens += n;
          i = b.s.parents[i]!;
        }
        return Promise.resolve({ tokens, whole });
      },
      false,
    );
  }

  /** Runs `fn` on one conversation, one operation at a time, and saves what it changed. */
  #with<T>(site: SiteId, conv: string, fn: (b: Branches) => Promise<T>, write = true): Promise<T> {
    const key = `session:ctx:${site}:${conv}`;
    const run = async () => {
      const b = await this.#load(key);
      const result = await fn(b);
      if (write) await this.#save(key, b);
      return result;
    };
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #load(key: string): Promise<Branches> {
    const open = this.#open.get(key);
    if (open) return open;
    const s = await this.#store.get<Stored>(key).catch(() => null);
    const b = new Branches(valid(s) ? s : { keys: [], parents: [], tokens: [] });
    this.#open.set(key, b);
    if (this.#open.size > 20) this.#open.delete(this.#open.keys().next().value!);
    return b;
  }

  /**
   * Saves one conversation and drops the least recently used past the caps. A storage that
   * fails (quota, no storage.session) leaves the counts in memory for this worker's life.
   */
  async #save(key: string, b: Branches): Promise<void> {
    try {
      await this.#persist(key, b);
    } catch {
      // counted still; a restarted worker asks for the texts again
    }
  }

  async #persist(key: string, b: Branches): Promise<void> {
    const index = (await this.#store.get<Record<string, number>>(INDEX).catch(() => null)) ?? {};
    delete index[key];
    index[key] = b.s.keys.length; // insertion order: least recently used first
    let total = Object.values(index).reduce((a, n) => a + n, 0);
    for (const old of Object.keys(index)) {
      if (total <= MAX_TOTAL_TURNS || old === key) break;
      total -= index[old]!;
      delete index[old];
      this.#open.delete(old);
      await this.#store.remove(old);
    }
    await this.#store.set(key, b.s);
    await this.#store.set(INDEX, index);
  }
}

function valid(s: Stored | null): s is Stored {
  return (
    !!s &&
    Array.isArray(s.keys) &&
    Array.isArray(s.parents) &&
    Array.isArray(s.tokens) &&
    s.keys.length === s.parents.length &&
    s.keys.length === s.tokens.length
  );
}

let shared: ContextCounts | null = null;
/** The worker's one ledger (a function: no storage work at import). */
export function contextCounts(): ContextCounts {
  return (shared ??= new ContextCounts());
}
