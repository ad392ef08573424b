import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { assessHealth, BROKEN_DETAIL, judgeSources, type CaptureHealth } from '../../shared/health';
import { showResponseBadge } from '../ResponseBadge';
import {
  MAX_TEXT_LENGTH,
  sendMessage,
  type CaptureMessage,
  type Measured,
} from '../../shared/messaging';
import type { SiteAdapter, Turn } from './site-adapter';
import type { TapEvent, TapReply } from '../tap/events';
import { DeliveryQueue } from './queue';
import { Reconciler, WAIT_MS, type Decision, type Sighting } from './reconciler';
import type { TapSource } from './tap-source';
import { Tracker, type CaptureEvent } from './tracker';

/**
 * Scans are coalesced: the first mutation after a quiet spell schedules one at once (the
 * prompt and the stop button appear together, and a short reply must be seen while it still
 * streams), later ones at most every THROTTLE_MS while the page keeps changing.
 */
export const THROTTLE_MS = 300;
/** While a reply is being watched, rescan this often even without mutations in the root. */
const POLL_MS = 700;
/**
 * Root replacement, missed navigation and capture health are checked this often while
 * anything is unsettled (a reply watched, health undecided or not working); while a reply is
 * watched this also rescans (the guard of stream mode, below).
 */
const HOUSEKEEPING_MS = 2000;
/**
 * ...and this often once capture works and nothing is watched. Each run is a call into the
 * content script, ~0.24 ms of the page's thread time however little it does (three per
 * saved Claude page visit, ~6% of the extension's time there; trace 2026-11-23). A root the
 * page replaces is noticed at once by an observer of the root's ancestors instead; the
 * housekeeping stays the fallback for navigation the Navigation API did not report.
 */
const SETTLED_HOUSEKEEPING_MS = 10_000;
/**
 * Stream mode (a watched reply streams and the page shows its stop button): the root observer
 * is off, as the reply's re-renders are most of the page's DOM churn. A second observer
 * watches only the stop button (its attributes and content) and the parents of the button and
 * of the reply, which change when the stream ends: that mutation runs a probe (is the reply
 * in place, does the button still show?) and a full scan once it does not. A full scan also
 * runs at least this often, from the housekeeping, a guard against a button that lingers, is
 * hidden from further up, or a selector that matches something else. Before, a probe ran every
 * THROTTLE_MS whether or not anything changed: ~0.09 ms of CPU each, ten per 3 s reply
 * (trace, 2026-11-23); on the real sites replies stream for tens of seconds.
 */
const STREAM_FULL_SCAN_MS = 2000;
/** After a reply: a scan (and health) once the reconciler's wait for the other source is over. */
const REJUDGE_MS = WAIT_MS + 300;

/**
 * Starts capture in a content script: one call per site. Observes only the conversation
 * root (re-attached when the page replaces it), scans on a debounce, and hands what counts
 * to a delivery queue. Nothing here throws into the page.
 */
export function startCapture(
  ctx: ContentScriptContext,
  adapter: SiteAdapter,
  tap: TapSource | null = null,
): void {
  const tracker = new Tracker();
  // Response elements awaiting their ack, for the opt-in per-response badge: the background
  // returns the response's grams in the ack only when the user switched the badge on.
  const badgeAnchors = new Map<string, Element>();
  const queue = new DeliveryQueue({
    send: async (m) => {
      const ack = await sendMessage('capture', m);
      const anchor = badgeAnchors.get(m.key);
      if (ack.ok) badgeAnchors.delete(m.key);
      if (ack.ok && ack.gco2e && anchor?.isConnected) {
        try {
          showResponseBadge(anchor, ack.gco2e);
        } catch {
          // A badge is decoration: never let it disturb delivery or the page.
        }
      }
      return ack;
    },
    setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
    isValid: () => ctx.isValid,
  });
  const reconciler = new Reconciler({
    emit: (d) => {
      try {
        queue.push(toMessage(d));
      } catch {
        // One unreadable turn must not cost the others.
      }
    },
    now: Date.now,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    tapExpected: () =>
      (tap?.connected ?? false) && (openStreams > 0 || Date.now() - lastClose < WAIT_MS),
  });
  // Reply streams the tap has open, and when the last one closed.
  let openStreams = 0;
  let lastClose = 0;
  let repliesInStream = 0;
  // What the tap and the DOM have shown, for health.
  // The roles of each conversation the page loaded (it may load one before navigating to it).
  const loaded = new Map<string, { users: number; assistants: number }>();
  let domPrompts = 0;
  let domReplies = 0;

  let href = location.href;
  let conversationId = adapter.conversationId(new URL(href));
  let keyPrefix = conversationId ?? tempPrefix();
  let navigatedAt = Date.now();
  let root: Element | null = null;
  let undecided = true;
  let lastHealth: {
    state: CaptureHealth['state'];
    sig: string;
    turns: number;
    at: number;
  } | null = null;

  // One pending timer at a time. A plain setTimeout guarded by `alive`: ctx.setTimeout
  // registers an onInvalidated listener per call, which would pile up over hours of scans.
  // And ctx.isValid asks the extension runtime on every read; the housekeeping interval and
  // the queue still ask it, and ctx.onInvalidated clears `alive` when one of them finds out.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let alive = true;
  let lastScan = 0;
  // Stream mode: the streaming turn, and when the last full scan ran.
  let streamEl: Element | null = null;
  let lastFullScan = 0;
  // The stop button last found: stream mode's observer watches it, and a probe re-checks it
  // with one `matches` instead of searching the document (a search measured ~9 µs on the
  // saved Claude page; a sampled profile had charged it ~1.6 ms per reply, mostly time the
  // thread was preempted). While it stays in place and still matches, the page still shows it.
  let stopEl: Element | null = null;

  const onMutation = (): void => {
    try {
      scanSoon(lastScan + THROTTLE_MS - Date.now());
    } catch {
      // never into the page
    }
  };
  const observer = new MutationObserver(onMutation);
  const streamObserver = new MutationObserver(onMutation);
  // The root's ancestors, child lists only (no subtree): fires when the root or one of its
  // containers is taken out or replaced, which the root's own observer cannot see.
  const ancestorObserver = new MutationObserver(() => {
    try {
      if (!rootMoved()) return;
      attach(false);
      scanSoon(0);
    } catch {
      // never into the page
    }
  });

  /**
   * From a callback of ours (observer, location event, housekeeping): scans in it when nothing
   * is pending and no wait is due, instead of a timer of 0 ms. Each call into the content
   * script costs ~0.1–0.2 ms of the page's thread time however little it does (an empty timer
   * callback: 0.17 ms, trace 2026-11-23), so a scan that waits for a timer costs one more.
   */
  function scanSoon(ms: number): void {
    if (ms <= 0 && timer === undefined && alive) scan();
    else schedule(Math.max(0, ms));
  }

  function schedule(ms: number): void {
    if (timer !== undefined || !alive) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (alive) scan();
    }, ms);
  }

  /** The root was taken out of the page, or the adapter now finds another one. */
  function rootMoved(): boolean {
    return !root?.isConnected || adapter.root(document) !== root;
  }

  function attach(rescan = true): void {
    const next = adapter.root(document) ?? document.body;
    if (next === root && root.isConnected) return;
    stopWatching();
    root = next;
    observe();
    ancestorObserver.disconnect();
    for (let p = root?.parentNode; p; p = p.parentNode)
      ancestorObserver.observe(p, { childList: true });
    // Whatever changed while nothing was observed is read now.
    if (rescan) schedule(0);
  }

  function observe(): void {
    observer.disconnect();
    if (!root) return;
    observer.observe(root, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: adapter.attributeFilter,
    });
  }

  /** Back to observing mutations (the stream ended, the page or its root changed). */
  function leaveStreamMode(): void {
    if (!streamEl) return;
    stopWatching();
    observe();
  }

  function stopWatching(): void {
    streamEl = null;
    streamObserver.disconnect();
  }

  /** Stream mode's narrow observer (see STREAM_FULL_SCAN_MS), re-aimed at each full scan. */
  function watchStream(reply: Element): void {
    streamObserver.disconnect();
    // Claude's selector finds the icon's <path>: the button around it is what gets replaced.
    const stop = stopEl?.closest('button') ?? stopEl;
    if (stop) {
      streamObserver.observe(stop, {
        childList: true,
        subtree: true,
        characterData: true,
        attributes: true,
      });
    }
    for (const p of new Set([stop?.parentElement, reply.parentElement])) {
      if (p)
        streamObserver.observe(p, {
          childList: true,
          attributes: true,
          attributeFilter: adapter.attributeFilter,
        });
    }
  }

  function checkLocation(): void {
    if (location.href === href) return;
    const url = new URL(location.href);
    const next = adapter.conversationId(url);
    const samePath = new URL(href).pathname === url.pathname;
    href = url.href;
    if (samePath && next === conversationId) return; // only the query or hash changed
    // A new chat getting its id keeps its episode (its first reply is still streaming).
    const newChatSaved = conversationId === null && next !== null;
    tracker.reset(newChatSaved);
    conversationId = next;
    keyPrefix = next ?? tempPrefix();
    navigatedAt = Date.now();
    lastHealth = null;
    leaveStreamMode();
    attach();
  }

  /** Whether the page shows its stop button (adapter.stopSelector; the found element re-checked first). */
  function generatingNow(): boolean {
    if (stopEl?.isConnected && stopEl.matches(adapter.stopSelector)) return true;
    stopEl = document.querySelector(adapter.stopSelector);
    return stopEl !== null;
  }

  function scan(): void {
    const now = Date.now();
    lastScan = now;
    try {
      if (streamEl && now - lastFullScan < STREAM_FULL_SCAN_MS && streamEl.isConnected) {
        // The probe. Nothing can have completed while the reply is in place and the stop
        // button still shows. (A navigation is seen by the location event and the housekeeping.)
        const before = stopEl;
        if (generatingNow()) {
          if (stopEl !== before) watchStream(streamEl); // the page swapped its button
          return;
        }
      }
      checkLocation();
      if (!root?.isConnected) attach();
      if (!root) return;
      const generating = generatingNow();
      lastFullScan = now;
      const turns = adapter.turns(root, { conversationId, keyPrefix, generating });
      const events = tracker.update(turns, generating, now);
      for (const ev of events) {
        try {
          reconciler.see(sighting(ev));
        } catch {
          // One unreadable turn must not cost the others.
        }
      }
      lastTurns = turns;
      report(turns);
      const streaming = generating ? tracker.streaming : null;
      if (streaming) {
        if (!streamEl) observer.disconnect();
        streamEl = streaming;
        watchStream(streaming);
      } else {
        leaveStreamMode();
        if (tracker.busy) schedule(POLL_MS);
      }
      if (!settled()) planHousekeeping(HOUSEKEEPING_MS);
    } catch {
      // An odd page must not break the page, nor stop later scans.
    }
  }

  /** Capture works and nothing is watched: the housekeeping can slow down. */
  function settled(): boolean {
    return !undecided && lastHealth?.state === 'working' && !tracker.busy && !streamEl;
  }

  let houseTimer: ReturnType<typeof setTimeout> | undefined;
  let houseAt = 0;
  /** The next housekeeping in `ms`, unless one is already planned sooner. */
  function planHousekeeping(ms: number): void {
    const at = Date.now() + ms;
    if (houseTimer !== undefined && houseAt <= at) return;
    clearTimeout(houseTimer);
    houseAt = at;
    houseTimer = setTimeout(housekeeping, ms);
  }

  function housekeeping(): void {
    houseTimer = undefined;
    // ctx.isValid asks the runtime: an invalidated context (extension updated or removed)
    // stops here, and ctx.onInvalidated clears `alive`.
    if (!alive || !ctx.isValid) return;
    try {
      if (rootMoved()) attach();
      checkLocation();
      if (undecided || lastHealth?.state !== 'working' || tracker.busy) scanSoon(0);
    } catch {
      // never into the page
    }
    planHousekeeping(settled() ? SETTLED_HOUSEKEEPING_MS : HOUSEKEEPING_MS);
  }

  /** A turn the DOM observer counts, as the reconciler takes it. */
  function sighting(ev: CaptureEvent): Sighting {
    if (ev.kind === 'prompt') domPrompts++;
    else {
      domReplies++;
      rejudgeLater();
    }
    return {
      source: 'dom',
      kind: ev.kind,
      conversationId,
      id: adapter.keysAreMessageIds ? ev.turn.key : null,
      domKey: ev.turn.key,
      ...(ev.promptKey ? { promptRef: ev.promptKey } : {}),
      text: '',
      readText: () => adapter.text(ev.turn),
      ...(adapter.showsReasoning ? { readReasoning: () => adapter.text(ev.turn).reasoning } : {}),
      model: label(ev.turn),
      at: Date.now(),
      anchor: ev.turn.el,
    };
  }

  /** Health again once the reconciler has decided whether both sources saw a reply. */
  let rejudge: ReturnType<typeof setTimeout> | undefined;
  let lastTurns: readonly Turn[] = [];
  function rejudgeLater(): void {
    // One pending: both sources' sightings of a reply come within the wait.
    if (rejudge !== undefined) return;
    rejudge = setTimeout(() => {
      rejudge = undefined;
      // Health only: the turns of the last scan are still what the page shows.
      try {
        if (alive) report(lastTurns);
      } catch {
        // never into the page
      }
    }, REJUDGE_MS);
  }

  function onTapEvent(e: TapEvent): void {
    try {
      if (e.t === 'conversation') {
        if (loaded.size > 50) loaded.clear();
        loaded.set(e.conversationId, { users: e.users, assistants: e.assistants });
        return;
      }
      if (e.t === 'open') {
        openStreams++;
        repliesInStream = 0;
      }
      if (e.t === 'close') {
        openStreams = Math.max(0, openStreams - 1);
        if (repliesInStream > 0) lastClose = Date.now();
        else reconciler.releaseDom(); // nothing readable came: the DOM's view stands alone
      }
      if (e.t === 'reply') repliesInStream++;
      if (e.t !== 'prompt' && e.t !== 'reply') return; // anomalies: counted by the tap source
      const at = Date.now();
      reconciler.see(
        e.t === 'prompt'
          ? {
              source: 'tap',
              kind: 'prompt',
              conversationId: e.conversationId,
              id: e.id,
              text: e.text,
              model: null,
              at,
            }
          : {
              source: 'tap',
              kind: 'response',
              conversationId: e.conversationId,
              id: e.id,
              ...(e.parentId ? { promptRef: e.parentId } : {}),
              text: e.text,
              ...(e.reasoning ? { reasoning: e.reasoning } : {}),
              model: e.model,
              at,
              ...measuredOf(e),
            },
      );
      if (e.t === 'reply') rejudgeLater();
    } catch {
      // never into the page
    }
  }

  function toMessage(d: Decision): CaptureMessage {
    const msg: CaptureMessage = {
      v: 1,
      site: adapter.site,
      kind: d.kind,
      key: d.key.slice(0, 200),
      conversationId: d.conversationId?.slice(0, 200) ?? null,
      modelLabel: d.model ? d.model.replace(/\s+/g, ' ').slice(0, 100) : null,
      at: d.at,
      // Past the cap the background would refuse it and we would lose the whole turn.
      text: d.text.slice(0, MAX_TEXT_LENGTH),
      sources: d.sources,
    };
    if (d.reasoning)
      msg.reasoning = d.reasoning.slice(0, Math.max(0, MAX_TEXT_LENGTH - msg.text.length));
    if (d.promptKey) msg.promptKey = d.promptKey.slice(0, 200);
    if (d.kind === 'response' && d.measured) msg.measured = d.measured;
    if (d.kind === 'response' && d.anchor instanceof Element) {
      badgeAnchors.set(msg.key, d.anchor);
      // Bounded like the queue: entries of turns the queue gave up on must not pile up.
      if (badgeAnchors.size > 200) badgeAnchors.delete(badgeAnchors.keys().next().value!);
    }
    return msg;
  }

  function label(turn: Turn): string | null {
    const l = adapter.readModel(turn, document);
    return l ? l.replace(/\s+/g, ' ').slice(0, 100) : null;
  }

  function report(found: readonly Turn[]): void {
    const turns = found.length;
    const conversationUrl = adapter.showsConversation(document, new URL(href));
    let domUsers = 0;
    for (const t of found) if (t.role === 'user') domUsers++;
    const parts = judgeSources({
      domUsers,
      domAssistants: turns - domUsers,
      domPrompts,
      domReplies,
      tapAlone: reconciler.aloneStreak('tap'),
      domAlone: reconciler.aloneStreak('dom'),
      tapConnected: tap?.connected ?? false,
      tapAnomalies: tap?.anomalies ?? 0,
      loaded: (conversationId && loaded.get(conversationId)) || null,
    });
    const pageState = assessHealth({
      conversationUrl,
      turns,
      // One text read, only on a conversation page where no turn is found.
      contentChars: conversationUrl && turns === 0 ? (root?.textContent?.trim().length ?? 0) : 0,
      sinceNavigation: Date.now() - navigatedAt,
    });
    undecided = pageState === null;
    if (!pageState) return;
    const partBroken = parts.states.dom === 'broken' || parts.states.tap === 'broken';
    const state: CaptureHealth['state'] =
      pageState === 'broken' || partBroken ? 'broken' : 'working';
    if (pageState === 'broken') parts.states.dom = 'broken';
    const detail = pageState === 'broken' ? BROKEN_DETAIL : parts.detail;
    const sig = `${state}|${parts.states.dom}|${parts.states.tap}`;
    const now = Date.now();
    const changed =
      !lastHealth ||
      lastHealth.sig !== sig ||
      (lastHealth.turns !== turns && now - lastHealth.at > 10_000);
    if (!changed) return;
    lastHealth = { state, sig, turns, at: now };
    sendMessage('health', {
      v: 1,
      site: adapter.site,
      state,
      turns,
      sources: parts.states,
      ...(detail ? { detail: detail.slice(0, 300) } : {}),
    }).catch(() => {
      lastHealth = null; // worker asleep: report again at the next check, within 2 s
      if (alive) planHousekeeping(HOUSEKEEPING_MS);
    });
  }

  attach(false);
  scan(); // the baseline: what the page shows now is history
  tap?.subscribe(onTapEvent);
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    try {
      checkLocation();
      scanSoon(0);
    } catch {
      // never into the page
    }
  });
  planHousekeeping(settled() ? SETTLED_HOUSEKEEPING_MS : HOUSEKEEPING_MS);
  ctx.onInvalidated(() => {
    alive = false;
    observer.disconnect();
    ancestorObserver.disconnect();
    if (timer !== undefined) clearTimeout(timer);
    clearTimeout(houseTimer);
    stopWatching();
    reconciler.flush();
    tap?.close();
  });
}

/** Key prefix for a chat without an id in its URL: unique to this page visit. */
function tempPrefix(): string {
  return `tmp-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** What a tap reply measured of its exchange, as the reconciler carries it (none: nothing). */
export function measuredOf(e: TapReply): { measured?: Measured } {
  const m: Measured = {};
  if (e.reasoningMs !== undefined) {
    m.thinkMs = e.reasoningMs;
    m.thinkFrom = 'duration';
  }
  for (const f of ['ttftMs', 'streamMs', 'images', 'searches', 'filesGuessed'] as const)
    if (e[f] !== undefined) m[f] = e[f];
  return Object.keys(m).length ? { measured: m } : {};
}
