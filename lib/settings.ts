import { storage } from 'wxt/utils/storage';

/** User settings. Versioned so later releases can migrate them. */
export interface Settings {
  /** ISO 3166-1 alpha-3 code of the grid the models run on, or 'provider' for each provider's default. */
  region: string;
}

export const DEFAULT_SETTINGS: Settings = { region: 'provider' };

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});
