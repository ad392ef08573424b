import {
  CACHED_COST,
  CACHED_SHARE,
  FILE_TOKENS,
  IMAGE_WH,
  REASONING_TPS_SPREAD,
  SEARCH_TOKENS,
  SYSTEM_PROMPT,
} from '../../lib/model/carbon/exchange';
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

/** Each new term of the whole exchange (issue #14), with the coefficients it rests on. */
const TERMS: readonly {
  term: MessageKey;
  body: MessageKey;
  coefficients: readonly Pick<Coefficient, 'sourceIds' | 'confidence'>[];
}[] = [
  { term: 'partContext', body: 'termContext', coefficients: Object.values(SYSTEM_PROMPT) },
  {
    term: 'termCachedShare',
    body: 'termCachedShareBody',
    coefficients: [CACHED_SHARE, CACHED_COST],
  },
  { term: 'partReasoning', body: 'termReasoning', coefficients: [REASONING_TPS_SPREAD] },
  {
    term: 'partExtras',
    body: 'termExtras',
    coefficients: [IMAGE_WH, FILE_TOKENS, SEARCH_TOKENS],
  },
  { term: 'termStream', body: 'termStreamBody', coefficients: [] },
  { term: 'termLongChat', body: 'termLongChatBody', coefficients: [] },
];

/** What the popup's new terms mean and where their figures come from (METHODOLOGY.md §12). */
export function ExchangeTerms() {
  return (
    <>
      <h3>{t('headingTerms')}</h3>
      <dl class="terms" data-testid="terms">
        {TERMS.map((x) => [
          <dt key={`${x.term}-t`}>{t(x.term)}</dt>,
          <dd key={`${x.term}-d`}>
            {t(x.body)}{' '}
            {x.coefficients.length ? <CoefficientSources c={merged(x.coefficients)} /> : null}
          </dd>,
        ])}
      </dl>
    </>
  );
}

const RANK: Record<Confidence, number> = { high: 2, medium: 1, low: 0 };

/** Several coefficients' sources, once each, at the lowest confidence among them. */
function merged(
  cs: readonly Pick<Coefficient, 'sourceIds' | 'confidence'>[],
): Pick<Coefficient, 'sourceIds' | 'confidence'> {
  const sourceIds = [...new Set(cs.flatMap((c) => c.sourceIds))];
  const confidence = cs.reduce<Confidence>(
    (lo, c) => (RANK[c.confidence] < RANK[lo] ? c.confidence : lo),
    'high',
  );
  return { sourceIds, confidence };
}
