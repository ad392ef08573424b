import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_ASSUMPTIONS } from '../../../lib/model/carbon';
import {
  DEFAULT_SETTINGS,
  getSettings,
  migrateV1,
  settingsItem,
  withDefaults,
} from '../../../lib/worker/settings';

describe('settings v2 (assumptions + UI preferences)', () => {
  it('stored providers written before the clean-energy shares get the default share; their own fields stay', () => {
    const stored = structuredClone(DEFAULT_ASSUMPTIONS);
    for (const p of ['openai', 'anthropic', 'mistral'] as const) {
      delete stored.providers[p].cleanEnergyShare;
    }
    stored.providers.openai.pue = { min: 1.3, max: 1.4 };
    const s = withDefaults({ assumptions: stored });
    expect(s.assumptions.providers.openai.pue).toEqual({ min: 1.3, max: 1.4 });
    for (const p of ['openai', 'anthropic', 'mistral'] as const) {
      expect(s.assumptions.providers[p].cleanEnergyShare).toEqual(
        DEFAULT_ASSUMPTIONS.providers[p].cleanEnergyShare,
      );
    }
  });

  it('defaults: the carbon model defaults, per-response badge off, toolbar badge on', async () => {
    const s = await getSettings();
    expect(s.assumptions).toEqual(DEFAULT_ASSUMPTIONS);
    expect(s.responseBadge).toBe(false);
    expect(s.toolbarBadge).toBe(true);
  });

  it('migrates a stored v1 {region} to every provider', async () => {
    await fakeBrowser.storage.local.set({ settings: { region: 'FRA' }, settings$: { v: 1 } });
    await settingsItem.migrate();
    const s = await settingsItem.getValue();
    expect(s.assumptions.providers.openai.region).toBe('FRA');
    expect(s.assumptions.providers.anthropic.region).toBe('FRA');
    expect(s.assumptions.providers.mistral.region).toBe('FRA');
    expect(s.assumptions.providers.openai.pue).toEqual(DEFAULT_ASSUMPTIONS.providers.openai.pue);
    expect(s.responseBadge).toBe(false);
  });

  it("migrates v1 'provider' (each provider's default) to the defaults", async () => {
    await fakeBrowser.storage.local.set({ settings: { region: 'provider' }, settings$: { v: 1 } });
    await settingsItem.migrate();
    expect((await settingsItem.getValue()).assumptions).toEqual(DEFAULT_ASSUMPTIONS);
  });

  it.each([[null], [{}], [{ region: 42 }], [{ region: '<script>' }]])(
    'migrates a damaged v1 value %j to the defaults',
    (v1) => {
      expect(migrateV1(v1 as never)).toEqual(DEFAULT_SETTINGS);
    },
  );

  it('fills fields a newer release added, keeping what the user chose', () => {
    const partial = {
      assumptions: { ...DEFAULT_ASSUMPTIONS, siteModel: { chatgpt: 'small' } },
    } as never;
    const s = withDefaults(partial);
    expect(s.assumptions.siteModel).toEqual({
      chatgpt: 'small',
      claude: 'detect',
      lechat: 'detect',
      gemini: 'detect',
    });
    expect(s.toolbarBadge).toBe(true);
  });
});
