import { browser } from 'wxt/browser';
import { responseGrams, startBadge } from './badge';
import { db } from './db/schema';
import { tabHealthItem } from './health';
import { onMessage } from './messaging';
import { recordCapture } from './record';
import { captureMessageError, healthReportError, senderSite } from './validate';

/**
 * Every background message handler, registered once (one listener per type per context).
 * Each handler first checks who sent the message: only our own content scripts, in the top
 * frame of a tab on one of the three chat sites (see senderSite), and only for that site.
 */
export function registerBackgroundHandlers(): void {
  startBadge(db()); // toolbar badge: today's grams, follows rollup writes and settings (issue #6)

  onMessage('capture', async ({ data, sender }) => {
    const site = senderSite(sender, browser.runtime.id);
    if (!site) return { ok: false, error: 'sender not allowed' };
    const problem = captureMessageError(data);
    if (problem) return { ok: false, error: problem };
    if (data.site !== site) return { ok: false, error: 'site does not match sender' };
    // The content script's clock is this machine's, but a time in the future would sit at
    // the top of every list: clamp it.
    const ack = await recordCapture(db(), { ...data, at: Math.min(data.at, Date.now()) });
    // Opt-in per-response badge (issue #6): the new response's grams, nothing else.
    if (data.kind !== 'response' || !ack.ok || ack.duplicate) return ack;
    const gco2e = await responseGrams(db(), `${site}:${data.key}`);
    return gco2e ? { ...ack, gco2e } : ack;
  });

  onMessage('health', async ({ data, sender }) => {
    const site = senderSite(sender, browser.runtime.id);
    const tabId = sender.tab?.id;
    if (!site || tabId === undefined) return { ok: false, error: 'sender not allowed' };
    const problem = healthReportError(data);
    if (problem) return { ok: false, error: problem };
    if (data.site !== site) return { ok: false, error: 'site does not match sender' };
    await tabHealthItem(tabId).setValue({
      site,
      state: data.state,
      turns: data.turns,
      ...(data.detail ? { detail: data.detail } : {}),
      at: Date.now(),
    });
    await setTabBadge(tabId, data.state === 'broken');
    return { ok: true };
  });

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
 * cleared (null), so the global badge (today's grams, lib/badge.ts) shows through.
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
