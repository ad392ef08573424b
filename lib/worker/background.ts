import { browser } from 'wxt/browser';
import { responseGrams, startBadge } from './badge';
import { db, type TokenprintDB } from '../db/schema';
import { pruneIfDue } from '../db/window';
import { nextSourcesSeen } from '../shared/health';
import { sourcesSeenItem, tabHealthItem } from '../shared/health-items';
import {
  onMessage,
  type CaptureAck,
  type CaptureMessage,
  type CaptureSource,
  type ContextAck,
  type ContextMessage,
  type HealthReport,
} from '../shared/messaging';
import type { SiteId } from '../shared/types';
import { recordCapture } from './record';
import { contextCounts, type ContextCounts } from './context';
import {
  captureMessageError,
  contextMessageError,
  healthReportError,
  senderSite,
  type SenderLike,
} from './validate';

/**
 * Every background message handler, registered once (one listener per type per context).
 * Each handler first checks who sent the message: only our own content scripts, in the top
 * frame of a tab on one of the three chat sites (see senderSite), and only for that site.
 */
export function registerBackgroundHandlers(): void {
  startBadge(db()); // toolbar badge: today's grams, follows rollup writes and settings (issue #6)
  // Prompt keys older than the window (lib/db/window.ts), at most once a day.
  void pruneIfDue(db()).catch(() => undefined);

  onMessage('capture', ({ data, sender }) => handleCapture(data, sender, browser.runtime.id));
  onMessage('health', ({ data, sender }) => handleHealth(data, sender, browser.runtime.id));
  onMessage('context', ({ data, sender }) => handleContext(data, sender, browser.runtime.id));

  // Session storage outlives a closed tab until the browser quits: drop its health item.
  browser.tabs?.onRemoved.addListener((tabId) => {
    void tabHealthItem(tabId)
      .removeValue()
      .catch(() => undefined);
  });
  // A tab that leaves the chat sites keeps no stale "working"/"broken" (and no "!"). Its URL
  // is visible to us only on the chat sites (content-script matches grant that host access,
  // no "tabs" permission): an invisible URL means another site.
  browser.tabs?.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'loading' || isChatUrl(tab.url)) return;
    void tabHealthItem(tabId)
      .removeValue()
      .then(() => setTabBadge(tabId, false))
      .catch(() => undefined);
  });
}

/**
 * A capture from a content script: only our own, in the top frame of a tab on the site the
 * message names; every field validated; then recorded (idempotent on the key).
 */
export async function handleCapture(
  data: unknown,
  sender: SenderLike,
  extensionId: string,
  database: TokenprintDB = db(),
): Promise<CaptureAck> {
  const site = senderSite(sender, extensionId);
  if (!site) return { ok: false, error: 'sender not allowed' };
  const problem = captureMessageError(data);
  if (problem) return { ok: false, error: problem };
  const msg = data as CaptureMessage;
  if (msg.site !== site) return { ok: false, error: 'site does not match sender' };
  // The content script's clock is this machine's, but a time in the future would sit at
  // the top of every list: clamp it.
  const ack = await recordCapture(database, { ...msg, at: Math.min(msg.at, Date.now()) });
  if (ack.ok && !ack.duplicate && msg.sources) void noteSources(site, msg.sources);
  // Opt-in per-response badge (issue #6): the new response's grams, nothing else.
  if (msg.kind !== 'response' || !ack.ok || ack.duplicate) return ack;
  const gco2e = await responseGrams(database, `${site}:${msg.key}`);
  return gco2e ? { ...ack, gco2e } : ack;
}

/**
 * History turns for the context ledger (issue #14), from the same senders as captures: the
 * texts are tokenized and dropped; the ack names the turns the worker still needs.
 */
export async function handleContext(
  data: unknown,
  sender: SenderLike,
  extensionId: string,
  counts: ContextCounts = contextCounts(),
): Promise<ContextAck> {
  const site = senderSite(sender, extensionId);
  if (!site) return { ok: false, error: 'sender not allowed' };
  const problem = contextMessageError(data);
  if (problem) return { ok: false, error: problem };
  const msg = data as ContextMessage;
  if (msg.site !== site) return { ok: false, error: 'site does not match sender' };
  return { ok: true, missing: await counts.turns(site, msg.conv, msg.turns) };
}

/** The last time each source saw a recorded turn on this site (health, in the popup). */
let sourcesWrite: Promise<void> = Promise.resolve();
function noteSources(site: SiteId, sources: CaptureSource[]): Promise<void> {
  // One read-modify-write at a time: a prompt and its reply land together.
  sourcesWrite = sourcesWrite.then(async () => {
    try {
      const next = nextSourcesSeen(await sourcesSeenItem().getValue(), site, sources, Date.now());
      if (next) await sourcesSeenItem().setValue(next);
    } catch {
      // Health metadata only: a failed write costs nothing recorded.
    }
  });
  return sourcesWrite;
}

/** A content script's capture-health report for its own tab: stored, and the tab's badge set. */
export async function handleHealth(
  data: unknown,
  sender: SenderLike,
  extensionId: string,
): Promise<CaptureAck> {
  const site = senderSite(sender, extensionId);
  const tabId = sender.tab?.id;
  if (!site || tabId === undefined) return { ok: false, error: 'sender not allowed' };
  const problem = healthReportError(data);
  if (problem) return { ok: false, error: problem };
  const report = data as HealthReport;
  if (report.site !== site) return { ok: false, error: 'site does not match sender' };
  await tabHealthItem(tabId).setValue({
    site,
    state: report.state,
    turns: report.turns,
    ...(report.detail ? { detail: report.detail } : {}),
    ...(report.sources ? { sources: report.sources } : {}),
    at: Date.now(),
  });
  await setTabBadge(tabId, report.state === 'broken');
  return { ok: true };
}

function isChatUrl(url: string | undefined): boolean {
  if (!url) return false;
  return senderSite({ id: '-', url, tab: { id: 0 } }, '-') !== null;
}

/** MV3 `action`, or MV2's `browserAction` in the Firefox build. */
function action() {
  return (
    browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction
  );
}

/**
 * Per-tab badge: a red "!" where capture is broken. For a working tab the per-tab text is
 * cleared (null), so the global badge (today's grams, lib/worker/badge.ts) shows through.
 */
export async function setTabBadge(tabId: number, broken: boolean): Promise<void> {
  const a = action();
  try {
    if (broken) {
      await a.setBadgeBackgroundColor({ tabId, color: '#c62828' });
      await a.setBadgeText({ tabId, text: '!' });
      await a.setTitle({ tabId, title: 'Tokenprint: capture is not working on this page' });
    } else {
      // Chrome: "If tabId is specified and text is null, the text for the specified tab is
      // cleared and defaults to the global badge text" (chrome.action.setBadgeText docs).
      await a.setBadgeText({ tabId, text: null as unknown as string });
      await a.setTitle({ tabId, title: null as unknown as string });
    }
  } catch {
    // The tab may have closed meanwhile.
  }
}
