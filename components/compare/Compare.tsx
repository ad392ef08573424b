import type { ComponentType } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Assumptions } from '../../lib/model/carbon/types';
import { monthsSince, periodOf, type PeriodChoice } from '../../lib/model/compare/period';
import { bucketsFromDaily, compareModels } from '../../lib/model/compare/replay';
import type { Reply } from '../../lib/model/compare/routing';
import { fmtDate, fmtInt, t } from '../shared/i18n';
import { useCompareSettings, usePeriodRows } from './compare-data';
import { CompareTable } from './CompareTable';
import { EnergyScale } from './EnergyScale';
import { PriceTable } from './PriceTable';
import { Routing } from './Routing';

const monthLabel = (mm: number) =>
  fmtDate(new Date(Math.floor(mm / 100), (mm % 100) - 1, 1).getTime(), {
    month: 'long',
    year: 'numeric',
  });

/**
 * The Compare page (issue #19): the period's usage replayed on every catalogue model, the
 * routing what-ifs, the energy-class scale and the prices used. The table comes from the
 * daily rollups; the what-ifs, which need each reply's length, from the replies read after.
 */
export function Compare() {
  const settings = useCompareSettings();
  const [now] = useState(() => Date.now());
  const [choice, setChoice] = useState<PeriodChoice>({ kind: 'last30' });
  const period = useMemo(() => periodOf(choice, now), [choice, now]);
  const rows = usePeriodRows(period);
  const [first, setFirst] = useState<number | null>(null);
  // The assumptions section (and its region names) loads after the first paint; the energy
  // scale and the price table, below the fold, render with it.
  const [InUse, setInUse] = useState<ComponentType<{ a: Assumptions }> | null>(null);
  const months = useMemo(() => monthsSince(first, now), [first, now]);
  const comparison = useMemo(
    () =>
      settings && rows
        ? compareModels(bucketsFromDaily(rows, period.fromDay, period.toDay), settings.assumptions)
        : null,
    [settings, rows, period],
  );
  const ready = comparison !== null;
  const [replies, setReplies] = useState<Reply[] | null>(null);
  // After the table has painted: Dexie, the months, and the replies (a read of every
  // interaction). Read again when the period changes, not when the assumptions do.
  useEffect(() => {
    if (!ready) return;
    let live = true;
    setReplies(null);
    const id = setTimeout(() => {
      void import('../shared/AssumptionsInUse').then(
        (m) => live && setInUse(() => m.AssumptionsInUse),
        () => undefined,
      );
      void import('./deferred').then(
        ({ firstDay, repliesOf }) => {
          void firstDay().then(
            (d) => live && setFirst(d),
            () => undefined,
          );
          void repliesOf(period)
            .catch(() => [])
            .then((r) => live && setReplies(r));
        },
        () => live && setReplies([]),
      );
    }, 0);
    return () => {
      live = false;
      clearTimeout(id);
    };
  }, [period, ready]);

  const title = choice.kind === 'last30' ? t('comparePeriodLast30') : monthLabel(choice.month);
  // The export's code loads on the click: the first paint does not wait for it.
  const exportCsv = () => {
    if (!comparison) return;
    void Promise.all([import('../shared/download'), import('../../lib/model/compare/csv')]).then(
      ([{ download }, { comparisonCsv }]) =>
        download(
          `tokenprint-compare-${period.fromDay}-${period.toDay}.csv`,
          'text/csv',
          comparisonCsv(comparison),
        ),
      () => undefined,
    );
  };

  return (
    <main class="report compare">
      <header class="report-head">
        <h1>{t('compareTitle', title)}</h1>
        <div class="no-print controls">
          <label>
            {t('comparePeriod')}{' '}
            <select
              value={choice.kind === 'last30' ? 'last30' : String(choice.month)}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setChoice(
                  v === 'last30' ? { kind: 'last30' } : { kind: 'month', month: Number(v) },
                );
              }}
            >
              <option value="last30">{t('comparePeriodLast30')}</option>
              {months.map((mm) => (
                <option key={mm} value={String(mm)}>
                  {monthLabel(mm)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={exportCsv} disabled={!comparison}>
            {t('compareExportCsv')}
          </button>
          <button type="button" onClick={() => window.print()}>
            {t('reportPrint')}
          </button>
        </div>
        <p class="sub" data-testid="compare-summary">
          {comparison
            ? t(
                'compareSummary',
                fmtInt(comparison.usage.count),
                fmtInt(comparison.usage.inputTokens),
                fmtInt(comparison.usage.outputTokens),
              )
            : '\u00a0'}
        </p>
      </header>

      <section aria-labelledby="c-table">
        <h2 id="c-table">{t('compareHeadingTable')}</h2>
        {comparison ? (
          comparison.usage.count > 0 ? (
            <CompareTable comparison={comparison} />
          ) : (
            <p class="empty" data-testid="compare-empty">
              {t('compareEmpty')}
            </p>
          )
        ) : (
          <div class="compare-placeholder" />
        )}
        <p class="note">{t('compareModelsNote')}</p>
        <p class="note">{t('compareCostNote')}</p>
        <p class="note">{t('compareReasoningNote')}</p>
      </section>

      <section aria-labelledby="c-routing">
        <h2 id="c-routing">{t('compareHeadingRouting')}</h2>
        {settings ? <Routing replies={replies} a={settings.assumptions} /> : null}
      </section>

      <section aria-labelledby="c-class">
        <h2 id="c-class">{t('compareHeadingClass')}</h2>
        {InUse ? <EnergyScale /> : null}
      </section>

      <section aria-labelledby="c-prices">
        <h2 id="c-prices">{t('compareHeadingPrices')}</h2>
        {InUse ? <PriceTable /> : null}
      </section>

      <section aria-labelledby="c-method">
        <h2 id="c-method">{t('headingInUse')}</h2>
        {settings && InUse ? <InUse a={settings.assumptions} /> : null}
      </section>
    </main>
  );
}
