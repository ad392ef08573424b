import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { DEFAULT_ASSUMPTIONS } from '../model/carbon';
import { CACHED_SHARE } from '../model/carbon/exchange';
import type { Assumptions, Band, ProviderId } from '../model/carbon/types';

/**
 * User settings. Versioned so later releases can migrate them.
 * Estimates are never stored: every number in the UI is recomputed from the stored token
 * counts with `assumptions`, so changing one recomputes all of history.
 */
export interface Settings {
  /** Everything that affects the numbers (region, PUE/WUE, method, model handling…). */
  assumptions: Assumptions;
  /** A small per-response badge on the chat page with that response's grams (opt-in). */
  responseBadge: boolean;
  /** Today's grams on the toolbar icon. */
  toolbarBadge: boolean;
  /**
   * Context (tokens) from which the popup's long-chat hint shows (issue #14): 'auto', where a
   * new chat halves the next prompt's cost for the user's own model and sizes, or a number.
   */
  longChatTokens: 'auto' | number;
}

export const DEFAULT_SETTINGS: Settings = {
  assumptions: DEFAULT_ASSUMPTIONS,
  responseBadge: false,
  toolbarBadge: true,
  longChatTokens: 'auto',
};

/** Bounds of the user's cached share (a share of context tokens: all of it at most). */
export const CACHED_SHARE_BOUNDS = { min: 0, max: 1 } as const;

/**
 * Why a cached-share range cannot be used, or null: 'number' (not a finite number), 'bounds'
 * (outside 0–100 %), 'order' (lowest ≤ typical ≤ highest broken).
 */
export function cachedShareError(b: Band): 'number' | 'bounds' | 'order' | null {
  const v = [b.min, b.central, b.max];
  if (!v.every((x) => typeof x === 'number' && Number.isFinite(x))) return 'number';
  if (v.some((x) => x < CACHED_SHARE_BOUNDS.min || x > CACHED_SHARE_BOUNDS.max)) return 'bounds';
  return b.min <= b.central && b.central <= b.max ? null : 'order';
}

/** Bounds of a long-chat threshold typed by hand, in tokens of context. */
export const LONG_CHAT_BOUNDS = { min: 1_000, max: 2_000_000 } as const;

/** Why a long-chat threshold cannot be used, or null. */
export function longChatError(v: unknown): 'number' | 'bounds' | null {
  if (v === 'auto') return null;
  if (typeof v !== 'number' || !Number.isInteger(v)) return 'number';
  return v < LONG_CHAT_BOUNDS.min || v > LONG_CHAT_BOUNDS.max ? 'bounds' : null;
}

/** The default cached share, for the options page's "default" notes. */
export const DEFAULT_CACHED_SHARE: Band = CACHED_SHARE.band;

/** Settings as stored by version 1 (the walking skeleton): one region for every provider. */
export interface SettingsV1 {
  /** ISO 3166-1 alpha-3 code, or 'provider' for each provider's default. */
  region: string;
}

/** v1 → v2: a chosen region applied to every provider; 'provider' keeps the defaults. */
export function migrateV1(v1: SettingsV1 | null | undefined): Settings {
  const providers = structuredClone(DEFAULT_ASSUMPTIONS.providers);
  const region = v1?.region;
  if (typeof region === 'string' && region !== 'provider' && /^[A-Z0-9_-]{2,16}$/i.test(region)) {
    for (const p of Object.keys(providers) as ProviderId[]) providers[p].region = region;
  }
  return { ...DEFAULT_SETTINGS, assumptions: { ...DEFAULT_ASSUMPTIONS, providers } };
}

/** Version of the stored settings (WXT storage keeps it in the item's metadata). */
export const SETTINGS_VERSION = 2;

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: SETTINGS_VERSION,
  migrations: { 2: (old: SettingsV1) => migrateV1(old) },
});

/**
 * Stored providers, each given the default carbon-free share when it has none (settings
 * written before the shares were sourced, issue #15); every other stored field stays.
 */
function withProviderDefaults(
  stored: Partial<Assumptions['providers']> | undefined,
): Assumptions['providers'] {
  const out = { ...DEFAULT_ASSUMPTIONS.providers, ...stored };
  for (const p of Object.keys(DEFAULT_ASSUMPTIONS.providers) as ProviderId[]) {
    const share = DEFAULT_ASSUMPTIONS.providers[p].cleanEnergyShare;
    if (out[p] && !('cleanEnergyShare' in out[p]) && share) {
      out[p] = { ...out[p], cleanEnergyShare: { ...share } };
    }
  }
  return out;
}

/** Settings with any field a newer default added filled in (older stored values stay). */
export function withDefaults(s: Partial<Settings> | null | undefined): Settings {
  const a = s?.assumptions;
  const out: Settings = {
    ...DEFAULT_SETTINGS,
    ...s,
    assumptions: a
      ? {
          ...DEFAULT_ASSUMPTIONS,
          ...a,
          providers: withProviderDefaults(a.providers),
          siteModel: { ...DEFAULT_ASSUMPTIONS.siteModel, ...a.siteModel },
        }
      : DEFAULT_ASSUMPTIONS,
  };
  // Values the options page would refuse (a hand-edited store) fall back to the defaults
  // rather than make every estimate throw.
  const share = out.assumptions.cachedShare;
  if (
    share !== undefined &&
    (typeof share !== 'object' || share === null || cachedShareError(share))
  ) {
    const { cachedShare: _dropped, ...rest } = out.assumptions;
    out.assumptions = rest;
  }
  if (longChatError(out.longChatTokens)) out.longChatTokens = 'auto';
  return out;
}

/** Reads the settings, completed with defaults. */
export async function getSettings(): Promise<Settings> {
  return withDefaults(await settingsItem.getValue());
}

/** The extension storage keys of the settings: the value, and WXT's metadata ({ v }). */
export function settingsStorageKeys(): [value: string, meta: string] {
  const key = settingsItem.key.replace(/^local:/, '');
  // WXT storage keeps an item's metadata under `${key}$`.
  return [key, `${key}$`];
}

/**
 * getSettings() from one `storage.local.get(settingsStorageKeys())`, where settingsItem
 * takes two or three round trips (version, then value). Settings stored by an older version
 * go through settingsItem, which migrates them.
 */
export async function settingsFromStorage(got: Record<string, unknown>): Promise<Settings> {
  const [key, metaKey] = settingsStorageKeys();
  const value = got[key] as Partial<Settings> | null | undefined;
  const meta = got[metaKey] as { v?: unknown } | null | undefined;
  if (value == null) return withDefaults(DEFAULT_SETTINGS);
  if (meta?.v === SETTINGS_VERSION) return withDefaults(value);
  return getSettings();
}

/** getSettings() in one storage round trip (see settingsFromStorage). */
export async function readSettingsOnce(): Promise<Settings> {
  return settingsFromStorage(await browser.storage.local.get(settingsStorageKeys()));
}
