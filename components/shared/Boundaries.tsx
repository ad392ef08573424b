import type { Assumptions, CarbonBoundary, WaterBoundary } from '../../lib/model/carbon/types';
import { t, type MessageKey } from './i18n';
import { RadioGroup, type RadioChoices } from './RadioGroup';

/** The message that names each boundary (options radios and the assumptions in use). */
export const CARBON_BOUNDARY_MESSAGE: Record<CarbonBoundary, MessageKey> = {
  location: 'carbonLocation',
  market: 'carbonMarket',
};
export const WATER_BOUNDARY_MESSAGE: Record<WaterBoundary, MessageKey> = {
  'onsite+offsite': 'waterOnOffSite',
  onsite: 'waterOnSite',
};

const CARBON: RadioChoices<CarbonBoundary> = {
  legend: 'carbonBoundaryLegend',
  name: 'carbonBoundary',
  options: (['location', 'market'] as const).map((k) => [k, CARBON_BOUNDARY_MESSAGE[k]] as const),
};
const WATER: RadioChoices<WaterBoundary> = {
  legend: 'waterBoundaryLegend',
  name: 'waterBoundary',
  options: (['onsite+offsite', 'onsite'] as const).map(
    (k) => [k, WATER_BOUNDARY_MESSAGE[k]] as const,
  ),
};

/**
 * Which carbon and which water the numbers count (issue #15). Published figures differ by
 * boundary; the defaults are the physically complete ones.
 */
export function Boundaries({
  a,
  onChange,
}: {
  a: Assumptions;
  onChange: (patch: Partial<Assumptions>) => void;
}) {
  const carbon = a.carbonBoundary ?? 'location';
  const water = a.waterBoundary ?? 'onsite+offsite';
  return (
    <>
      <RadioGroup {...CARBON} value={carbon} onPick={(k) => onChange({ carbonBoundary: k })} />
      <RadioGroup {...WATER} value={water} onPick={(k) => onChange({ waterBoundary: k })} />
      <p class="note">{t('boundaryNote')}</p>
    </>
  );
}

/** One line naming the boundaries every figure above uses (the popup's footer). */
export function BoundaryNote({ a }: { a: Assumptions | undefined }) {
  const carbon = a?.carbonBoundary ?? 'location';
  const water = a?.waterBoundary ?? 'onsite+offsite';
  return (
    <p class="note" data-testid="boundary-note">
      {t('boundaryInUse', t(CARBON_SHORT[carbon]), t(WATER_SHORT[water]))}
    </p>
  );
}

const CARBON_SHORT: Record<CarbonBoundary, MessageKey> = {
  location: 'carbonLocationShort',
  market: 'carbonMarketShort',
};
const WATER_SHORT: Record<WaterBoundary, MessageKey> = {
  'onsite+offsite': 'waterOnOffSiteShort',
  onsite: 'waterOnSiteShort',
};
