import type { Assumptions, TierId } from '../../lib/model/carbon/types';
import { MODELS, TIER_IDS, TIERS } from '../../lib/model/carbon/models';
import { SITE_IDS } from '../../lib/shared/types';
import { siteName } from '../shared/CaptureStatus';
import { fmt, t, type MessageKey } from '../shared/i18n';
import { TIER_MESSAGE } from '../shared/charts';
import { PROVIDER_NAME } from '../shared/AssumptionsInUse';
import { RadioGroup, type RadioChoices } from '../shared/RadioGroup';
import { setAssumption, type SectionProps } from './save';

const METHOD = {
  legend: 'methodLegend',
  name: 'method',
  options: [
    ['tokenprint', 'methodTokenprint'],
    ['ecologits', 'methodEcologits'],
  ],
} as const satisfies RadioChoices<Assumptions['method']>;

/** How each site's model is chosen, the estimation method, and the catalogue behind it. */
export function ModelsSection({ a, save }: SectionProps) {
  return (
    <section aria-labelledby="h-models">
      <h2 id="h-models">{t('headingModels')}</h2>
      <p class="sub">{t('modelsIntro')}</p>
      <div class="grid2">
        {SITE_IDS.map((site) => (
          <label key={site}>
            {t('modelHandlingFor', siteName(site))}
            <select
              value={a.siteModel[site]}
              onChange={(e) => {
                const v = e.currentTarget.value as 'detect' | TierId;
                void save(setAssumption({ siteModel: { ...a.siteModel, [site]: v } }));
              }}
            >
              <option value="detect">{t('modelDetect')}</option>
              {TIER_IDS.map((tier) => (
                <option key={tier} value={tier}>
                  {t('modelFixedTier', t(TIER_MESSAGE[tier]))}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label>
          {t('defaultTierLabel')}
          <select
            value={a.defaultTier}
            onChange={(e) =>
              void save(setAssumption({ defaultTier: e.currentTarget.value as TierId }))
            }
          >
            {TIER_IDS.map((tier) => (
              <option key={tier} value={tier}>
                {t(TIER_MESSAGE[tier])}
              </option>
            ))}
          </select>
        </label>
      </div>
      <RadioGroup
        {...METHOD}
        value={a.method}
        onPick={(m) => void save(setAssumption({ method: m }))}
      />
      <Catalogue />
    </section>
  );
}

const CONFIDENCE: Record<string, MessageKey> = {
  disclosed: 'confidenceDisclosed',
  estimated: 'confidenceEstimated',
  assumed: 'confidenceAssumed',
};

/** The model catalogue, readable: parameters, tier, confidence and source. */
function Catalogue() {
  const list = Object.values(MODELS);
  const p = (r: { min: number; max: number }) =>
    r.min === r.max ? fmt(r.min, 3) : `${fmt(r.min, 3)}–${fmt(r.max, 3)}`;
  return (
    <details class="catalogue">
      <summary>{t('catalogueSummary', String(list.length))}</summary>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('colModel')}</th>
              <th scope="col">{t('colProvider')}</th>
              <th scope="col">{t('colActiveParams')}</th>
              <th scope="col">{t('colTotalParams')}</th>
              <th scope="col">{t('colTier')}</th>
              <th scope="col">{t('colConfidence')}</th>
              <th scope="col">{t('colSource')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  {m.name}
                  {m.reasoning ? <span class="tag">{t('reasoningTag')}</span> : null}
                </th>
                <td>{PROVIDER_NAME[m.provider]}</td>
                <td>{p(m.activeParamsB)}</td>
                <td>
                  {p(m.totalParamsB)} {m.arch === 'moe' ? 'MoE' : ''}
                </td>
                <td>{t(TIER_MESSAGE[m.tier])}</td>
                <td>{t(CONFIDENCE[m.confidence] ?? 'confidenceAssumed')}</td>
                <td>
                  {m.ecologitsName}
                  {m.note ? <span class="note"> — {m.note}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="note">
        {TIER_IDS.map((tier) => (
          <span key={tier} class="tierdesc">
            <strong>{t(TIER_MESSAGE[tier])}</strong>: {TIERS[tier].description}.{' '}
          </span>
        ))}
      </p>
    </details>
  );
}
