import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { SiteAdapter, Turn } from './site-adapter';
import { ContextLedger, type DomView, type Placed } from './context';
import { Delivery } from './delivery';
import { DomWatch } from './dom-watch';
import { HealthReporter } from './health-report';
import { Reconciler, WAIT_MS, type Decision, type Sighting } from './reconciler';
import { TapFollower } from './tap-follower';
import type { TapSource } from './tap-source';
import { Tracker, type CaptureEvent } from './tracker';

export { measuredOf } from './tap-follower';

/**
 * Scans are coalesced: the first mutation after a quiet spell scans at once (a short reply
 * must be seen while it still streams), later ones at most every THROTTLE_MS.
 */
export const THROTTLE_MS = 300;
/** While a reply is being watched, rescan this often even without mutations in the root. */
const POLL_MS = 700;
/** Root, missed navigation and health are checked this often while anything is unsettled. */
const HOUSEKEEPING_MS = 2000;
/** ...and this often once capture works and nothing is watched: each run is a call into us. */
const SETTLED_HOUSEKEEPING_MS = 10_000;
/** In stream mode a full scan still runs this often: a guard against a lingering stop button. */
const STREAM_FULL_SCAN_MS = 2000;
/** After a reply: health again once the reconciler's wait for the other source is over. */
const REJUDGE_MS = WAIT_MS + 300;

/**
 * Starts capture in a content script, one call per site: the DOM watch and the tap feed one
 * reconciler, whose decisions are delivered to the worker; health is judged on the way.
 * Nothing here throws into the page.
 */
export function startCapture(
  ctx: ContentScriptContext,
  adapter: SiteAdapter,
  tap: TapSource | null = null,
): void {
  new Capture(ctx, adapter, tap).start();
}

/** The conversation the page shows, as the URL says. */
class Page {
  href = location.href;
  conversationId: string | null;
  /** Stands in for the conversation id in keys when the URL has none (temporary chats). */
  keyPrefix: string;
  navigatedAt = Date.now();

  readonly #adapter: SiteAdapter;

  constructor(adapter: SiteAdapter) {
    this.#adapter = adapter;
    this.conversationId = adapter.conversationId(new URL(this.href));
    this.keyPrefix = this.conversationId ?? tempPrefix();
  }

  /** Follows the URL; returns whether the conversation changed (null: nothing did). */
  follow(): { newChatSaved: boolean } | null {
    if (location.href === this.href) return null;
    const url = new URL(location.href);
    const next = this.#adapter.conversationId(url);
    const samePath = new URL(this.href).pathname === url.pathname;
    this.href = url.href;
    if (samePath && next === this.conversationId) return null; // only the query or hash changed
    // A new chat getting its id keeps its episode (its first reply is still streaming).
    const newChatSaved = this.conversationId === null && next !== null;
    this.conversationId = next;
    this.keyPrefix = next ?? tempPrefix();
    this.navigatedAt = Date.now();
    return { newChatSaved };
  }
}

class Capture {
  readonly #tracker = new Tracker();
  readonly #page: Page;
  readonly #delivery: Delivery;
  readonly #reconciler: Reconciler;
  readonly #follower: TapFollower;
  readonly #health: HealthReporter;
  readonly #watch: DomWatch;
  readonly #context = new ContextLedger();
  // One pending scan timer at a time: a plain setTimeout guarded by `alive`, as ctx.setTimeout
  // adds an onInvalidated listener per call and ctx.isValid asks the runtime at each read.
  #timer: ReturnType<typeof setTimeout> | undefined;
  #alive = true;
  #lastScan = 0;
  #lastFullScan = 0;
  #houseTimer: ReturnType<typeof setTimeout> | undefined;
  #houseAt = 0;
  #rejudgeTimer: ReturnType<typeof setTimeout> | undefined;
  #lastTurns: readonly Turn[] = [];

  readonly #ctx: ContentScriptContext;
  readonly #adapter: SiteAdapter;
  readonly #tap: TapSource | null;
  constructor(ctx: ContentScriptContext, adapter: SiteAdapter, tap: TapSource | null) {
    this.#ctx = ctx;
    this.#adapter = adapter;
    this.#tap = tap;
    this.#page = new Page(adapter);
    this.#delivery = new Delivery(adapter.site, {
      setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
      isValid: () => ctx.isValid,
    });
    this.#reconciler = new Reconciler({
      emit: (d) => {
        try {
          this.#delivery.push(d, this.#place(d));
        } catch {
          // One unreadable turn must not cost the others.
        }
      },
      now: Date.now,
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      tapExpected: () => (tap?.connected ?? false) && this.#follower.expected(),
    });
    this.#follower = new TapFollower(this.#reconciler, () => this.#rejudgeLater());
    this.#health = new HealthReporter(adapter, this.#reconciler, tap, () => {
      if (this.#alive) this.#planHousekeeping(HOUSEKEEPING_MS);
    });
    const onMutation = () => {
      try {
        this.#scanSoon(this.#lastScan + THROTTLE_MS - Date.now());
      } catch {
        // never into the page
      }
    };
    this.#watch = new DomWatch(adapter, onMutation, () => {
      this.#watch.attach();
      this.#scanSoon(0);
    });
  }

  start(): void {
    this.#watch.attach();
    this.#scan(); // the baseline: what the page shows now is history
    this.#tap?.subscribe((e) => {
      try {
        if (e.t === 'conversation')
          this.#context.loaded(e.conversationId, e.ids, e.texts, e.textsFollow);
        if (e.t === 'texts') this.#context.texts(e.conversationId, e.from, e.texts);
        this.#follower.handle(e);
      } catch {
        // never into the page
      }
    });
    this.#ctx.addEventListener(window, 'wxt:locationchange', () => {
      try {
        this.#checkLocation();
        this.#scanSoon(0);
      } catch {
        // never into the page
      }
    });
    this.#planHousekeeping(this.#settled() ? SETTLED_HOUSEKEEPING_MS : HOUSEKEEPING_MS);
    this.#ctx.onInvalidated(() => this.#stop());
  }

  #stop(): void {
    this.#alive = false;
    this.#watch.disconnect();
    clearTimeout(this.#timer);
    clearTimeout(this.#houseTimer);
    this.#reconciler.flush();
    this.#tap?.close();
  }

  /**
   * From a callback of ours: scans in it when nothing is pending and no wait is due, instead
   * of through a 0 ms timer, since every call into the content script costs the page time.
   */
  #scanSoon(ms: number): void {
    if (ms <= 0 && this.#timer === undefined && this.#alive) this.#scan();
    else this.#schedule(Math.max(0, ms));
  }

  #schedule(ms: number): void {
    if (this.#timer !== undefined || !this.#alive) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#alive) this.#scan();
    }, ms);
  }

  #attach(): void {
    // Whatever changed while nothing was observed is read now.
    if (this.#watch.attach()) this.#schedule(0);
  }

  #checkLocation(): void {
    const before = this.#page.keyPrefix;
    const moved = this.#page.follow();
    if (!moved) return;
    if (moved.newChatSaved && this.#page.conversationId)
      this.#context.alias(before, this.#page.conversationId);
    this.#tracker.reset(moved.newChatSaved);
    this.#health.forget();
    this.#watch.leaveStream();
    this.#attach();
  }

  #scan(): void {
    const now = Date.now();
    this.#lastScan = now;
    try {
      // Stream mode's probe: nothing can have completed while the reply streams in place.
      if (now - this.#lastFullScan < STREAM_FULL_SCAN_MS && this.#watch.stillStreaming()) return;
      this.#checkLocation();
      if (!this.#watch.root?.isConnected) this.#attach();
      const root = this.#watch.root;
      if (!root) return;
      const generating = this.#watch.generating();
      this.#lastFullScan = now;
      const { conversationId, keyPrefix } = this.#page;
      const turns = this.#adapter.turns(root, { conversationId, keyPrefix, generating });
      for (const ev of this.#tracker.update(turns, generating, now)) {
        try {
          this.#reconciler.see(this.#sighting(ev));
        } catch {
          // One unreadable turn must not cost the others.
        }
      }
      this.#lastTurns = turns;
      this.#report(turns);
      const streaming = generating ? this.#tracker.streaming : null;
      if (streaming) this.#watch.enterStream(streaming);
      else {
        this.#watch.leaveStream();
        if (this.#tracker.busy) this.#schedule(POLL_MS);
      }
      if (!this.#settled()) this.#planHousekeeping(HOUSEKEEPING_MS);
    } catch {
      // An odd page must not break the page, nor stop later scans.
    }
  }

  /** Capture works and nothing is watched: the housekeeping can slow down. */
  #settled(): boolean {
    return this.#health.working && !this.#tracker.busy && !this.#watch.streamEl;
  }

  /** The next housekeeping in `ms`, unless one is already planned sooner. */
  #planHousekeeping(ms: number): void {
    const at = Date.now() + ms;
    if (this.#houseTimer !== undefined && this.#houseAt <= at) return;
    clearTimeout(this.#houseTimer);
    this.#houseAt = at;
    this.#houseTimer = setTimeout(() => this.#housekeeping(), ms);
  }

  #housekeeping(): void {
    this.#houseTimer = undefined;
    // An invalidated context (extension updated or removed) stops here.
    if (!this.#alive || !this.#ctx.isValid) return;
    try {
      if (this.#watch.rootMoved()) this.#attach();
      this.#checkLocation();
      if (!this.#health.working || this.#tracker.busy) this.#scanSoon(0);
    } catch {
      // never into the page
    }
    this.#planHousekeeping(this.#settled() ? SETTLED_HOUSEKEEPING_MS : HOUSEKEEPING_MS);
  }

  /** A turn the DOM watch counts, as the reconciler takes it. */
  #sighting(ev: CaptureEvent): Sighting {
    this.#health.sawDom(ev.kind);
    if (ev.kind === 'response') this.#rejudgeLater();
    const adapter = this.#adapter;
    return {
      source: 'dom',
      kind: ev.kind,
      conversationId: this.#page.conversationId,
      id: adapter.keysAreMessageIds ? ev.turn.key : null,
      domKey: ev.turn.key,
      ...(ev.promptKey ? { promptRef: ev.promptKey } : {}),
      text: '',
      readText: () => adapter.text(ev.turn),
      ...(adapter.showsReasoning ? { readReasoning: () => adapter.text(ev.turn).reasoning } : {}),
      ...(ev.kind === 'response' && adapter.thinkLabel
        ? { readThink: () => adapter.thinkLabel!(ev.turn) }
        : {}),
      model: this.#label(ev.turn),
      at: Date.now(),
      anchor: ev.turn.el,
    };
  }

  /** A recorded turn's place in the context ledger; none when it cannot be read. */
  #place(d: Decision): Placed | undefined {
    try {
      const turns = this.#lastTurns;
      const adapter = this.#adapter;
      // The rendered turns speak for the turn's conversation only while the page shows it.
      const dom: DomView | null =
        d.conversationId === this.#page.conversationId
          ? { keys: turns.map((t) => t.key), text: (i) => adapter.text(turns[i]!).text }
          : null;
      const name = d.conversationId ?? this.#page.keyPrefix;
      return this.#context.place(d, name, d.conversationId === null, dom);
    } catch {
      return undefined; // the turn is still recorded, without its context
    }
  }

  /** Health again once the reconciler has decided whether both sources saw a reply. */
  #rejudgeLater(): void {
    // One pending: both sources' sightings of a reply come within the wait.
    if (this.#rejudgeTimer !== undefined) return;
    this.#rejudgeTimer = setTimeout(() => {
      this.#rejudgeTimer = undefined;
      try {
        // Health only: the turns of the last scan are still what the page shows.
        if (this.#alive) this.#report(this.#lastTurns);
      } catch {
        // never into the page
      }
    }, REJUDGE_MS);
  }

  #report(turns: readonly Turn[]): void {
    const { conversationId, href, navigatedAt } = this.#page;
    this.#health.report(turns, {
      conversationId,
      href,
      navigatedAt,
      root: this.#watch.root,
      loaded: this.#follower.loadedOf(conversationId),
    });
  }

  #label(turn: Turn): string | null {
    const l = this.#adapter.readModel(turn, document);
    return l ? l.replace(/\s+/g, ' ').slice(0, 100) : null;
  }
}

/** Key prefix for a chat without an id in its URL: unique to this page visit. */
function tempPrefix(): string {
  return `tmp-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
