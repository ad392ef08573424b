import { useMemo, useState } from 'preact/hooks';
import type { IntensityKind, ProviderId } from '../../lib/model/carbon/types';
import { DEFAULT_ASSUMPTIONS, pickRegion, resolveIntensity } from '../../lib/model/carbon';
import { regionName, regions } from '../../lib/model/carbon/regions';
import { fmt, t, uiLocale } from '../shared/i18n';
import { localRegionName } from '../shared/region-names';
import { PROVIDER_NAME, PROVIDERS } from '../shared/AssumptionsInUse';
import { RadioGroup, type RadioChoices } from '../shared/RadioGroup';
import { setAssumption, type SectionProps } from './save';

const INTENSITY = {
  legend: 'intensityLegend',
  name: 'intensity',
  options: [
    ['average', 'intensityAverage'],
    ['marginal', 'intensityMarginal'],
  ],
} as const satisfies RadioChoices<IntensityKind>;

/** The grid each provider's electricity comes from, and which intensity (average or marginal). */
export function RegionSection({ a, save }: SectionProps) {
  return (
    <section aria-labelledby="h-region">
      <h2 id="h-region">{t('headingRegion')}</h2>
      <p class="sub">{t('regionIntro')}</p>
      <RadioGroup
        {...INTENSITY}
        value={a.intensity}
        onPick={(k) => void save(setAssumption({ intensity: k }))}
      />
      {PROVIDERS.map((p) => (
        <RegionPicker
          key={p}
          provider={p}
          value={a.providers[p].region}
          kind={a.intensity}
          onPick={(region) =>
            void save((s) => ({ ...s, assumptions: pickRegion(s.assumptions, p, region) }))
          }
        />
      ))}
    </section>
  );
}

/** A searchable list of every CO2.js country/zone with its intensity; the provider default first. */
function RegionPicker({
  provider,
  value,
  kind,
  onPick,
}: {
  provider: ProviderId;
  value: string;
  kind: IntensityKind;
  onPick: (code: string) => void;
}) {
  const [q, setQ] = useState('');
  const resolved = resolveIntensity(value, kind);
  const all = useMemo(() => {
    // Names in the UI language; the English name stays searchable too.
    const list = regions(kind).map((r) => ({ ...r, en: r.name, name: localRegionName(r.code) }));
    list.sort((x, y) => x.name.localeCompare(y.name, uiLocale()));
    // A region chosen under the other intensity kind may have no figure of this kind: keep
    // it selectable (with the figure actually used) rather than silently showing another.
    if (!list.some((r) => r.code === value))
      list.unshift({
        code: value,
        en: regionName(value),
        name: localRegionName(value),
        gPerKwh: resolved.gPerKwh,
      });
    return list;
  }, [kind, value, resolved.gPerKwh]);
  const dflt = DEFAULT_ASSUMPTIONS.providers[provider].region;
  const needle = q.trim().toLowerCase();
  const shown = all.filter(
    (r) =>
      r.code === value ||
      !needle ||
      r.name.toLowerCase().includes(needle) ||
      r.en.toLowerCase().includes(needle) ||
      r.code.toLowerCase().includes(needle),
  );
  const label = (r: { code: string; name: string; gPerKwh: number }) =>
    `${r.name} (${r.code}) — ${fmt(r.gPerKwh, 3)} g/kWh${r.code === dflt ? ` · ${t('providerDefault')}` : ''}`;
  const id = `region-${provider}`;
  return (
    <div class="region">
      <label for={id}>{t('regionFor', PROVIDER_NAME[provider])}</label>
      <div class="row">
        <input
          type="search"
          aria-label={t('regionSearchFor', PROVIDER_NAME[provider])}
          placeholder={t('regionSearchPlaceholder')}
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
        />
        <select id={id} value={value} onChange={(e) => onPick(e.currentTarget.value)}>
          {shown.map((r) => (
            <option key={r.code} value={r.code}>
              {label(r)}
            </option>
          ))}
        </select>
        {value !== dflt ? (
          <button type="button" onClick={() => onPick(dflt)}>
            {t('useProviderDefault')}
          </button>
        ) : null}
      </div>
      <p class="note">
        {t(
          'regionNow',
          fmt(resolved.gPerKwh, 3),
          resolved.kind === 'average' ? t('intensityAverageShort') : t('intensityMarginalShort'),
        )}
        {resolved.fallback === 'average-for-marginal' ? ` ${t('regionFallbackAverage')}` : ''}
        {resolved.fallback === 'world' ? ` ${t('regionFallbackWorld')}` : ''}
      </p>
    </div>
  );
}
