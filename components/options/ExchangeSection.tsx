import { useRef, useState } from 'preact/hooks';
import { CACHED_COST, CACHED_SHARE } from '../../lib/model/carbon/exchange';
import type { Band } from '../../lib/model/carbon/types';
import { cachedShareError, DEFAULT_CACHED_SHARE } from '../../lib/worker/settings';
import { fmt, fmtPct, t, type MessageKey } from '../shared/i18n';
import { CoefficientSources } from '../shared/Sources';
import { setAssumption, type SectionProps } from './save';
import { LongChatField } from './LongChatField';
import type { Settings } from '../../lib/worker/settings';

const ENDS = ['min', 'central', 'max'] as const;
const END_LABEL: Record<(typeof ENDS)[number], MessageKey> = {
  min: 'cachedShareMin',
  central: 'cachedShareCentral',
  max: 'cachedShareMax',
};
const ERROR: Record<NonNullable<ReturnType<typeof cachedShareError>>, MessageKey> = {
  number: 'cachedShareErrorNumber',
  bounds: 'cachedShareErrorBounds',
  order: 'cachedShareErrorOrder',
};

/** Percent, as typed (no locale grouping), from a share. */
const pct = (x: number) => String(Math.round(x * 1000) / 10);

/**
 * The re-read conversation (issue #14): the share of it served from the providers' prompt
 * cache, as a range the user can set (history recomputes), and the long-chat hint's threshold.
 */
export function ExchangeSection({ a, save, settings }: SectionProps & { settings: Settings }) {
  const cur = a.cachedShare ?? DEFAULT_CACHED_SHARE;
  const [draft, setDraft] = useState<Record<(typeof ENDS)[number], string>>({
    min: pct(cur.min),
    central: pct(cur.central),
    max: pct(cur.max),
  });
  const [err, setErr] = useState<MessageKey | null>(null);
  // What is typed is kept as typed (onInput): a save re-renders, and a controlled field
  // would otherwise lose what is being typed in another one. Checked and saved on change.
  const typed = useRef(draft);
  const input = (end: (typeof ENDS)[number], text: string) => {
    typed.current = { ...typed.current, [end]: text };
    setDraft(typed.current);
  };
  const commit = () => {
    const next = typed.current;
    const parse = (s: string) => (s.trim() === '' ? NaN : Number(s) / 100);
    const band: Band = { min: parse(next.min), central: parse(next.central), max: parse(next.max) };
    const e = cachedShareError(band);
    setErr(e ? ERROR[e] : null);
    if (!e) void save(setAssumption({ cachedShare: band }));
  };
  const reset = () => {
    const d = DEFAULT_CACHED_SHARE;
    typed.current = { min: pct(d.min), central: pct(d.central), max: pct(d.max) };
    setDraft(typed.current);
    setErr(null);
    void save((s) => {
      const { cachedShare: _default, ...rest } = s.assumptions;
      return { ...s, assumptions: rest };
    });
  };
  const d = DEFAULT_CACHED_SHARE;
  return (
    <section aria-labelledby="h-exchange">
      <h2 id="h-exchange">{t('headingExchange')}</h2>
      <p class="sub">{t('cachedShareIntro')}</p>
      <fieldset class="range-fields">
        <legend>{t('cachedShareLegend')}</legend>
        {ENDS.map((end) => (
          <label key={end} class="num">
            {t(END_LABEL[end])}{' '}
            <input
              type="number"
              inputMode="decimal"
              step="1"
              min={0}
              max={100}
              value={draft[end]}
              aria-invalid={err ? 'true' : undefined}
              aria-describedby={err ? 'cached-share-error' : undefined}
              onInput={(e) => input(end, e.currentTarget.value)}
              onChange={commit}
            />{' '}
            %
          </label>
        ))}
        <button type="button" onClick={reset}>
          {t('cachedShareReset')}
        </button>
      </fieldset>
      {err ? (
        <p class="error" role="alert" id="cached-share-error" data-testid="cached-share-error">
          {t(err)}
        </p>
      ) : null}
      <p class="note">
        {t('cachedShareDefault', fmtPct(d.min), fmtPct(d.central), fmtPct(d.max))}{' '}
        <CoefficientSources c={CACHED_SHARE} />
      </p>
      <p class="note">
        {t('cachedCostNote', fmt(CACHED_COST.band.min), fmt(CACHED_COST.band.max))}{' '}
        <CoefficientSources c={CACHED_COST} />
      </p>
      <LongChatField settings={settings} save={save} />
    </section>
  );
}
