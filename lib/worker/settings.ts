import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { DEFAULT_ASSUMPTIONS } from '../model/carbon';
import type { Assumptions, ProviderId } from '../model/carbon/types';

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
}

export const DEFAULT_SETTINGS: Settings = {
  assumptions: DEFAULT_ASSUMPTIONS,
  responseBadge: false,
  toolbarBadge: true,
};

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
  return {
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
