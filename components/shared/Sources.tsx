import { SOURCES, type Coefficient, type Confidence } from '../../lib/model/carbon/sources';
import { t, type MessageKey } from './i18n';

/** Every source the estimates rest on, with its licence and what Tokenprint takes from it. */
export function Sources() {
  return (
    <>
      <h3>{t('headingSources')}</h3>
      <ul class="sources" data-testid="sources">
        {SOURCES.map((s) => (
          <li key={s.id}>
            <a href={s.url} target="_blank" rel="noreferrer">
              {s.title}
            </a>{' '}
            — {s.author}, {s.year}
            {s.licence ? ` (${s.licence})` : ''}. <span class="note">{s.usedFor}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

const CONFIDENCE: Record<Confidence, MessageKey> = {
  high: 'confidenceHigh',
  medium: 'confidenceMedium',
  low: 'confidenceLow',
};

/** Where one coefficient comes from: its sources, linked, and how much to trust it. */
export function CoefficientSources({ c }: { c: Pick<Coefficient, 'sourceIds' | 'confidence'> }) {
  const byId = new Map(SOURCES.map((s) => [s.id, s]));
  const list = c.sourceIds.map((id) => byId.get(id)).filter((s) => s !== undefined);
  return (
    <span class="coef-sources">
      {t('sourcesLabel')}{' '}
      {list.map((s, i) => (
        <span key={s.id}>
          {i > 0 ? '; ' : ''}
          {/^https?:/.test(s.url) ? (
            <a href={s.url} target="_blank" rel="noreferrer">
              {s.author}, {s.year}
            </a>
          ) : (
            `${s.author}, ${s.year}`
          )}
        </span>
      ))}{' '}
      ({t(CONFIDENCE[c.confidence])})
    </span>
  );
}
