import { liveQuery } from 'dexie';
import { browser } from 'wxt/browser';
import { estimate } from '../model/carbon';
import type { Band } from '../model/carbon/types';
import { getInteraction } from '../db/rows';
import type { TokenprintDB } from '../db/schema';
import { localDay } from '../db/schema';
import { getSettings, settingsItem } from './settings';
import { todayTotals } from '../model/stats';

/**
 * The global toolbar badge: today's central gCO2e. Set without a tabId, so the capture
 * engine's per-tab "!" (capture not working in that tab) still overrides it in that tab.
 */
export function badgeText(grams: number, responses: number): string {
  if (responses === 0 || !Number.isFinite(grams)) return '';
  // The badge fits about four characters.
  if (grams < 9.95) return grams.toFixed(1).replace(/\.0$/, '') || '0';
  if (grams < 999.5) return String(Math.round(grams));
  if (grams < 99_950) return `${(grams / 1000).toFixed(grams < 9_950 ? 1 : 0)}k`;
  return '99k+';
}

/** A UI string in the browser's language (English when i18n is unavailable, as in unit tests). */
function message(key: 'badgeTitle', sub: string): string {
  try {
    const m = browser.i18n.getMessage(key, [sub]);
    if (m) return m;
  } catch {
    // no i18n here
  }
  return `Tokenprint: ${sub} g CO₂e today`;
}

/** MV3 `action`, or MV2's `browserAction` in the Firefox build. */
function action() {
  return (
    browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction
  );
}

export async function refreshBadge(database: TokenprintDB, now = Date.now()): Promise<string> {
  const settings = await getSettings();
  let text = '';
  if (settings.toolbarBadge) {
    const t = await todayTotals(database, settings.assumptions, now);
    text = badgeText(t.estimate.gco2e.central, t.responses);
  }
  const a = action();
  await a.setBadgeBackgroundColor({ color: '#2f7d4f' });
  await a.setBadgeText({ text });
  await a.setTitle({ title: text ? message('badgeTitle', text) : 'Tokenprint' });
  return text;
}

/**
 * Keeps the badge current: after every write to today's rollups (from any extension context:
 * Dexie's liveQuery sees writes made elsewhere) and on every settings change.
 */
export function startBadge(database: TokenprintDB): () => void {
  const update = () => void refreshBadge(database).catch(() => undefined);
  const sub = liveQuery(() =>
    database.daily.where('day').equals(localDay(Date.now())).toArray(),
  ).subscribe({ next: update, error: update });
  const unwatch = settingsItem.watch(update);
  return () => {
    sub.unsubscribe();
    unwatch();
  };
}

/**
 * The grams of one recorded response, for the opt-in per-response badge on the chat page:
 * null when the setting is off or the row is unknown. The content script only ever
 * receives this number, never anything else from the database.
 */
export async function responseGrams(database: TokenprintDB, id: string): Promise<Band | null> {
  const settings = await getSettings();
  if (!settings.responseBadge) return null;
  const row = await getInteraction(database, id);
  if (!row) return null;
  try {
    return estimate(
      {
        count: 1,
        inputTokens: row.inputTokens,
        inputTokensSq: row.inputTokens * row.inputTokens,
        outputTokens: row.outputTokens,
      },
      row.model,
      row.site,
      settings.assumptions,
    ).gco2e;
  } catch {
    return null;
  }
}
