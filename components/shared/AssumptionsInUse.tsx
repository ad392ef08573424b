import type { Assumptions, ProviderId } from '../../lib/model/carbon/types';
import { SITE_IDS, type SiteId } from '../../lib/shared/types';
import { CARBON_BOUNDARY_MESSAGE, WATER_BOUNDARY_MESSAGE } from './Boundaries';
import { siteName } from './CaptureStatus';
import { TIER_MESSAGE } from './charts';
import { fmt, fmtPct, t } from './i18n';
import { localRegionName } from './region-names';
import {
  ECOLOGITS_REFERENCE,
  METHODOLOGY_VERSION,
  PROVIDER_IDS,
  gridIntensity,
} from '../../lib/model/carbon';

export const PROVIDERS: readonly ProviderId[] = PROVIDER_IDS;
export const PROVIDER_NAME: Record<ProviderId, string> = {
  openai: 'OpenAI (ChatGPT)',
  anthropic: 'Anthropic (Claude)',
  mistral: 'Mistral AI (Le Chat)',
  google: 'Google (Gemini)',
};

/** The assumptions the numbers currently use, in words. */
export function AssumptionsInUse({ a }: { a: Assumptions }) {
  return (
    <dl class="inuse" data-testid="assumptions-in-use">
      <dt>{t('methodLegend')}</dt>
      <dd>{t(a.method === 'tokenprint' ? 'methodTokenprint' : 'methodEcologits')}</dd>
      <dt>{t('methodologyVersionLegend')}</dt>
      <dd data-testid="methodology-version">
        {t('methodologyVersionValue', METHODOLOGY_VERSION, ECOLOGITS_REFERENCE)}
      </dd>
      <dt>{t('intensityLegend')}</dt>
      <dd>{t(a.intensity === 'average' ? 'intensityAverage' : 'intensityMarginal')}</dd>
      <dt>{t('carbonBoundaryLegend')}</dt>
      <dd data-testid="carbon-boundary">
        {t(CARBON_BOUNDARY_MESSAGE[a.carbonBoundary ?? 'location'])}
        {a.carbonBoundary === 'market' && PROVIDERS.some((p) => !a.providers[p].cleanEnergyShare)
          ? ` — ${t('carbonMarketFallback')}`
          : ''}
      </dd>
      <dt>{t('waterBoundaryLegend')}</dt>
      <dd data-testid="water-boundary">
        {t(WATER_BOUNDARY_MESSAGE[a.waterBoundary ?? 'onsite+offsite'])}
      </dd>
      {PROVIDERS.map((p) => {
        const v = a.providers[p];
        return [
          <dt key={`${p}-t`}>{PROVIDER_NAME[p]}</dt>,
          <dd key={`${p}-d`}>
            {t(
              'inUseProvider',
              localRegionName(v.region),
              fmt(gridIntensity(v.region, a.intensity), 3),
              v.pue.min === v.pue.max
                ? fmt(v.pue.min, 3)
                : `${fmt(v.pue.min, 3)}–${fmt(v.pue.max, 3)}`,
              v.wueOnSiteLPerKwhMax !== undefined && v.wueOnSiteLPerKwhMax !== v.wueOnSiteLPerKwh
                ? `${fmt(v.wueOnSiteLPerKwh, 3)}–${fmt(v.wueOnSiteLPerKwhMax, 3)}`
                : fmt(v.wueOnSiteLPerKwh, 3),
              fmt(v.wueOffSiteLPerKwh, 3),
            )}
            {v.cleanEnergyShare
              ? ` · ${t(
                  'inUseCleanShare',
                  v.cleanEnergyShare.min === v.cleanEnergyShare.max
                    ? fmtPct(v.cleanEnergyShare.min)
                    : `${fmtPct(v.cleanEnergyShare.min)}–${fmtPct(v.cleanEnergyShare.max)}`,
                )}`
              : ''}
          </dd>,
        ];
      })}
      <dt>{t('headingModels')}</dt>
      <dd>
        {SITE_IDS.map((s: SiteId) => {
          const v = a.siteModel[s];
          return `${siteName(s)}: ${v === 'detect' ? t('modelDetect') : t(TIER_MESSAGE[v])}`;
        }).join(' · ')}
        {' · '}
        {t('defaultTierLabel')}: {t(TIER_MESSAGE[a.defaultTier])}
      </dd>
    </dl>
  );
}
