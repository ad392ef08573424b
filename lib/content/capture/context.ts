/**
 * The context ledger of one tab (issue #14): for each conversation, the turns the page has
 * (the branch the tap saw it load, else the DOM's visible turns) and the turns captured here,
 * linked by parent, so that each recorded reply can name the branch the model re-read. The
 * worker holds the token counts (lib/worker/context.ts); this side only decides which turns
 * are on the branch and hands over, once, the text of history turns the worker has not
 * counted. Pure: no DOM, no browser API.
 */

import type { CaptureContext, ContextTurn } from '../../shared/messaging';

/** Where a turn came from: the tap's loaded branch, the rendered page (a lower bound), or this tab's capture. */
type From = 'tap' | 'dom' | 'tab';

interface Node {
  parent: string | null;
  from: From;
  /** The traffic named a parent the tab never saw (another version): the leaf stands in. */
  guessed?: boolean;
  /** A history turn's text until it is handed to the worker; then null (undefined: still coming). */
  text: string | null | undefined;
}

class Conversation {
  readonly nodes = new Map<string, Node>();
  /** The last turn of the branch the tab is on. */
  leaf: string | null = null;
  /** Nothing above the oldest node: the tap loaded the branch from its root, or the chat began here. */
  complete = false;
  /** A new chat's page-visit name, until it is known by its id. */
  standIn = false;
  /** The DOM's history has been read (once: later it only shows what this tab captured). */
  domRead = false;
  /** A long loaded branch's ids while its texts arrive in slices, and how many are due. */
  arriving: readonly string[] | null = null;
  slicesDue = 0;
  /** Prompts captured here whose first reply has not come (the row counts them as input). */
  readonly fresh = new Set<string>();
  /** DOM keys of turns captured here, to their ledger keys (Claude's DOM has no message ids). */
  readonly byDom = new Map<string, string>();
  constructor(readonly name: string) {}
}

/** The rendered turns, oldest first, with their text read only when asked. */
export interface DomView {
  keys: readonly string[];
  text(i: number): string;
}

/** A recorded turn, as the ledger needs it (a reconciler Decision fits). */
export interface Placeable {
  kind: 'prompt' | 'response';
  key: string;
  /** Prompts: the turn the traffic says it follows (ChatGPT, Claude). */
  parentRef?: string;
  /** The prompt a response answers. */
  promptKey?: string;
  domKey?: string;
  /** Responses: text extracted from files attached to the prompt. */
  files?: string[];
}

export interface Placed {
  ctx: CaptureContext;
  /** History turns to hand to the worker before this turn's capture (responses only). */
  turns?: ContextTurn[];
}

/** Conversations followed per tab; an evicted one is read again when the page loads it. */
const MAX_CONVERSATIONS = 20;

export class ContextLedger {
  readonly #convs = new Map<string, Conversation>();
  readonly #alias = new Map<string, string>();

  /**
   * The branch the page loaded (the tap's conversation event), oldest first; a long one's
   * texts follow in `slicesDue` slices (`texts`).
   */
  loaded(
    conversationId: string,
    ids: readonly string[],
    texts: readonly string[] | undefined,
    slicesDue = 0,
  ): void {
    const conv = this.#get(conversationId);
    let parent: string | null = null;
    const fallback = slicesDue > 0 ? undefined : '';
    for (let i = 0; i < ids.length; i++) {
      const key = ids[i]!;
      const node = conv.nodes.get(key);
      const text = texts?.[i] ?? fallback;
      if (!node) conv.nodes.set(key, { parent, from: 'tap', text });
      else if (node.from === 'dom')
        Object.assign(node, { parent, from: 'tap', text: node.text === null ? null : text });
      parent = key;
    }
    // Without texts the branch is known but not its size: a lower bound until they come.
    conv.complete = texts !== undefined;
    conv.arriving = slicesDue > 0 ? ids : null;
    conv.slicesDue = slicesDue;
    if (parent !== null) conv.leaf = parent;
  }

  /** A slice of a long loaded branch's texts, those of its ids from `from`. */
  texts(conversationId: string, from: number, texts: readonly string[]): void {
    const conv = this.#convs.get(this.#resolve(conversationId));
    if (!conv?.arriving) return;
    for (let i = 0; i < texts.length; i++) {
      const node = conv.nodes.get(conv.arriving[from + i] ?? '');
      if (node && node.text === undefined) node.text = texts[i]!;
    }
    if (--conv.slicesDue > 0) return;
    conv.arriving = null;
    conv.complete = true;
  }

  /** A new chat got its id: the page visit's stand-in and the id name one conversation. */
  alias(from: string, to: string): void {
    const conv = this.#convs.get(this.#resolve(from));
    if (!conv || from === to) return;
    const other = this.#convs.get(this.#resolve(to));
    if (other && other !== conv)
      for (const [k, n] of other.nodes) if (!conv.nodes.has(k)) conv.nodes.set(k, n);
    this.#alias.set(to, conv.name);
    this.#convs.delete(to);
    conv.standIn = false;
  }

  /**
   * Places a recorded turn on its branch. `isNew`: the chat has no id yet, so nothing is above
   * its first turn. A response also gets its context: the branch above its prompt (a
   * regeneration's prompt included, as its row counts no prompt), with the history turns
   * the worker must still be handed.
   */
  place(d: Placeable, name: string, isNew: boolean, dom: DomView | null): Placed {
    if (d.kind === 'response' && d.promptKey) this.#adopt(name, d.promptKey);
    const conv = this.#get(name);
    if (isNew && conv.nodes.size === 0) conv.complete = conv.standIn = true;
    if (!conv.complete && !conv.domRead && dom) this.#readDom(conv, dom, d.domKey);
    const known = (k: string | undefined) => (k !== undefined && conv.nodes.has(k) ? k : null);
    const parent =
      d.kind === 'prompt'
        ? (known(d.parentRef) ?? this.#domParent(conv, dom, d.domKey) ?? conv.leaf)
        : (known(d.promptKey) ?? conv.leaf);
    if (!conv.nodes.has(d.key)) {
      const guessed =
        d.kind === 'prompt' && !!d.parentRef && parent !== null && parent !== d.parentRef;
      conv.nodes.set(d.key, { parent, from: 'tab', text: null, ...(guessed ? { guessed } : {}) });
    }
    if (d.domKey) conv.byDom.set(d.domKey, d.key);
    conv.leaf = d.key;
    if (d.kind === 'prompt') {
      conv.fresh.add(d.key);
      return { ctx: { conv: conv.name, parent } };
    }
    const fresh = parent !== null && conv.fresh.delete(parent);
    const anchor = fresh ? (conv.nodes.get(parent)?.parent ?? null) : parent;
    const { turns, whole } = this.#branch(conv, anchor);
    const ctx: CaptureContext = {
      conv: conv.name,
      parent,
      anchor,
      from: whole && conv.complete && !conv.nodes.get(parent ?? '')?.guessed ? 'tap' : 'dom',
    };
    if (d.files?.length) ctx.files = d.files;
    return turns.length ? { ctx, turns } : { ctx };
  }

  /**
   * The traffic can name a new chat's id with its first reply before the page's URL has it:
   * the reply then answers a prompt still waiting under the visit's stand-in name.
   */
  #adopt(name: string, promptKey: string): void {
    const conv = this.#convs.get(this.#resolve(name));
    if (conv?.nodes.has(promptKey)) return;
    for (const other of this.#convs.values())
      if (other !== conv && other.standIn && other.fresh.has(promptKey))
        return this.alias(other.name, name);
  }

  /** History turns on the branch from `anchor` to its root not yet handed over (handed now). */
  #branch(conv: Conversation, anchor: string | null): { turns: ContextTurn[]; whole: boolean } {
    const turns: ContextTurn[] = [];
    const seen = new Set<string>();
    let whole = true;
    for (let at = anchor; at !== null;) {
      const node = conv.nodes.get(at);
      if (!node || seen.has(at)) {
        whole = false; // the branch goes on where this tab cannot see
        break;
      }
      seen.add(at);
      if (node.from === 'dom' || node.guessed || node.text === undefined) whole = false;
      if (typeof node.text === 'string') {
        turns.push({ key: at, parent: node.parent, text: node.text });
        node.text = null;
      }
      at = node.parent;
    }
    return { turns: turns.reverse(), whole };
  }

  /** The rendered turns above the first one this tab captured: history, a lower bound. */
  #readDom(conv: Conversation, dom: DomView, domKey: string | undefined): void {
    conv.domRead = true;
    let parent: string | null = null;
    for (let i = 0; i < dom.keys.length; i++) {
      const k = dom.keys[i]!;
      if (k === domKey || conv.byDom.has(k) || conv.nodes.get(k)?.from === 'tab') break;
      if (!conv.nodes.has(k)) conv.nodes.set(k, { parent, from: 'dom', text: readText(dom, i) });
      parent = k;
    }
    if (parent !== null && conv.leaf === null) conv.leaf = parent;
  }

  /** A prompt without a parent from the traffic follows the turn rendered above it (an edit included). */
  #domParent(conv: Conversation, dom: DomView | null, domKey: string | undefined): string | null {
    if (!dom || !domKey) return null;
    const i = dom.keys.lastIndexOf(domKey);
    if (i <= 0) return null;
    const above = dom.keys[i - 1]!;
    const k = conv.byDom.get(above) ?? above;
    return conv.nodes.has(k) ? k : null;
  }

  #resolve(name: string): string {
    return this.#alias.get(name) ?? name;
  }

  #get(name: string): Conversation {
    const key = this.#resolve(name);
    let conv = this.#convs.get(key);
    if (conv) this.#convs.delete(key);
    else conv = new Conversation(key);
    this.#convs.set(key, conv); // most recently used last
    if (this.#convs.size > MAX_CONVERSATIONS) {
      const oldest = this.#convs.keys().next().value!;
      this.#convs.delete(oldest);
      for (const [a, n] of this.#alias) if (n === oldest) this.#alias.delete(a);
    }
    return conv;
  }
}

function readText(dom: DomView, i: number): string {
  try {
    return dom.text(i);
  } catch {
    return ''; // an unreadable turn counts empty: still a lower bound
  }
}
