import { describe, expect, it } from 'vitest';
import {
  gridIntensity,
  isKnownRegion,
  offsiteWue,
  resolveIntensity,
} from '../../../lib/model/carbon';
import { regions } from '../../../lib/model/carbon/regions';

describe('grid intensity from @tgwf/co2', () => {
  // Values quoted in shared/data/README.md (CO2.js 0.19, Ember yearly averages).
  it.each([
    ['WORLD', 472.94],
    ['USA', 383.55],
    ['SWE', 35.89],
    ['FRA', 44.18],
    ['DEU', 342.06],
    ['GBR', 215.79],
    ['IRL', 279.79],
    ['usa', 383.55],
    [' swe ', 35.89],
  ])('average %j = %s g/kWh', (code, g) => {
    expect(gridIntensity(code, 'average')).toBe(g);
  });

  it.each([
    ['USA', 416],
    ['SWE', 68],
    ['GBR', 380],
  ])('marginal %s = %s g/kWh (2021 factors)', (code, g) => {
    expect(resolveIntensity(code, 'marginal')).toMatchObject({
      gPerKwh: g,
      sourceId: 'co2js-marginal',
    });
  });

  it('marginal for a zone without a marginal factor falls back to its average, flagged', () => {
    expect(resolveIntensity('WORLD', 'marginal')).toEqual({
      code: 'WORLD',
      gPerKwh: 472.94,
      kind: 'average',
      sourceId: 'co2js-ember',
      fallback: 'average-for-marginal',
    });
  });

  it.each(['ATLANTIS', '', 'XX'])('unknown zone %j → WORLD average, flagged', (code) => {
    for (const kind of ['average', 'marginal'] as const) {
      const r = resolveIntensity(code, kind);
      expect(r).toMatchObject({ code: 'WORLD', gPerKwh: 472.94, fallback: 'world' });
      expect(isKnownRegion(code, kind)).toBe(false);
    }
  });

  it.each(['average', 'marginal'] as const)(
    'regions(%s) lists named zones with finite values',
    (kind) => {
      const list = regions(kind);
      expect(list.length).toBeGreaterThan(150);
      for (const r of list) {
        expect(Number.isFinite(r.gPerKwh)).toBe(true);
        expect(r.name.length).toBeGreaterThan(1);
        expect(isKnownRegion(r.code, kind)).toBe(true);
      }
      expect(list.find((r) => r.code === 'USA')?.name).toBe('United States of America');
      expect(list.find((r) => r.code === 'SWE')?.name).toBe('Sweden');
      if (kind === 'average')
        expect(list.find((r) => r.code === 'WORLD')?.name).toBe('World average');
      // sorted by name
      const names = list.map((r) => r.name);
      expect([...names].sort((a, b) => a.localeCompare(b, 'en'))).toEqual(names);
    },
  );

  it('off-site water: EcoLogits per-country table, WORLD fallback', () => {
    expect(offsiteWue('USA')).toEqual({ lPerKwh: 3.1321, code: 'USA' });
    expect(offsiteWue('SWE').lPerKwh).toBe(6.0315);
    expect(offsiteWue('ATLANTIS')).toEqual({ lPerKwh: 3.908, code: 'WORLD', fallback: 'world' });
  });
});
