import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_ASSUMPTIONS, estimate } from '../../../lib/model/carbon';
import {
  cachedShareError,
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

describe('the cached share of the re-read conversation (issue #14)', () => {
  it.each([
    [{ min: 0, central: 0.5, max: 0.9 }, null],
    [{ min: 0.2, central: 0.2, max: 0.2 }, null],
    [{ min: 0, central: 1, max: 1 }, null],
    [{ min: 0.6, central: 0.5, max: 0.9 }, 'order'],
    [{ min: 0.1, central: 0.95, max: 0.9 }, 'order'],
    [{ min: -0.1, central: 0.5, max: 0.9 }, 'bounds'],
    [{ min: 0, central: 0.5, max: 1.2 }, 'bounds'],
    [{ min: 0, central: Number.NaN, max: 0.9 }, 'number'],
  ])('%j → %s', (band, want) => {
    expect(cachedShareError(band)).toBe(want);
  });

  it('a valid stored range is kept and changes the estimate; an invalid one falls back', () => {
    const low = { min: 0, central: 0, max: 0 };
    const s = withDefaults({ assumptions: { ...DEFAULT_ASSUMPTIONS, cachedShare: low } });
    expect(s.assumptions.cachedShare).toEqual(low);
    const usage = {
      count: 1,
      inputTokens: 50,
      inputTokensSq: 2500,
      outputTokens: 500,
      contextTokens: 20_000,
      contextRows: 1,
      fullInputSq: 20_050 ** 2,
    };
    const none = estimate(usage, 'gpt-4o', 'chatgpt', s.assumptions);
    const dflt = estimate(usage, 'gpt-4o', 'chatgpt', DEFAULT_ASSUMPTIONS);
    // No cache: every re-read token at full cost, more than with the default 0–90 %.
    expect(none.parts!.context.gco2e.central).toBeGreaterThan(dflt.parts!.context.gco2e.central);
    const bad = { min: 0.9, central: 0.5, max: 0.1 };
    const b = withDefaults({ assumptions: { ...DEFAULT_ASSUMPTIONS, cachedShare: bad } });
    expect(b.assumptions.cachedShare).toBeUndefined();
    expect(() => estimate(usage, 'gpt-4o', 'chatgpt', b.assumptions)).not.toThrow();
  });
});
