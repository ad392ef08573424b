import { useMemo, useState } from 'preact/hooks';
import { computeStats, dayStart } from '../../lib/model/stats';
import { UsageChart } from '../shared/charts';
import { useDaily, useSettings } from '../shared/hooks';
import { fmtBandGrams, fmtDate, fmtInt, fmtRange, t } from '../shared/i18n';
import { AssumptionsInUse } from '../shared/AssumptionsInUse';
import { Breakdown, SitePerReply } from '../shared/Breakdown';
import { ExchangeTerms, Sources } from '../shared/Sources';
import { PartsTable } from '../shared/Parts';

/** yyyymm of a yyyymmdd day. */
const monthOf = (day: number) => Math.floor(day / 100);

/** A print-ready monthly report: totals, per site/model, method, assumptions and sources. */
export function Report() {
  const settings = useSettings();
  const rows = useDaily();
  const [nowMonth] = useState(() => {
    const d = new Date();
    return d.getFullYear() * 100 + d.getMonth() + 1;
  });
  const months = useMemo(() => {
    const set = new Set((rows ?? []).map((r) => monthOf(r.day)));
    set.add(nowMonth);
    return [...set].sort((x, y) => y - x);
  }, [rows, nowMonth]);
  const [month, setMonth] = useState(nowMonth);
  const y = Math.floor(month / 100);
  const m = month % 100;
  const daysInMonth = new Date(y, m, 0).getDate();
  const end = dayStart(month * 100 + daysInMonth);
  const stats = useMemo(
    () =>
      settings && rows
        ? computeStats(
            rows.filter((r) => monthOf(r.day) === month),
            settings.assumptions,
            end,
          )
        : null,
    [settings, rows, month, end],
  );
  const monthName = fmtDate(new Date(y, m - 1, 1).getTime(), { month: 'long', year: 'numeric' });
  const tot = stats?.all;
  const g = tot ? fmtBandGrams(tot.estimate.gco2e) : null;

  return (
    <main class="report">
      <header class="report-head">
        <h1>{t('reportTitle', monthName)}</h1>
        <div class="no-print controls">
          <label>
            {t('reportMonth')}{' '}
            <select value={month} onChange={(e) => setMonth(Number(e.currentTarget.value))}>
              {months.map((mm) => (
                <option key={mm} value={mm}>
                  {fmtDate(new Date(Math.floor(mm / 100), (mm % 100) - 1, 1).getTime(), {
                    month: 'long',
                    year: 'numeric',
                  })}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => window.print()}>
            {t('reportPrint')}
          </button>
          <a href="/compare.html">{t('linkCompare')}</a>
        </div>
        <p class="sub">{t('reportGenerated', fmtDate(Date.now(), { dateStyle: 'long' }))}</p>
      </header>

      <section aria-labelledby="r-totals">
        <h2 id="r-totals">{t('headingTotals')}</h2>
        <dl class="kpis" data-testid="report-totals">
          <div>
            <dt>{t('unitGco2e')}</dt>
            <dd>
              <span class="central">{g ? `${g.value} ${g.unit}` : '–'}</span>
              <span class="range">{g ? g.range : ''}</span>
            </dd>
          </div>
          <div>
            <dt>{t('unitWh')}</dt>
            <dd>
              <span class="central">{tot ? fmtBandGrams(tot.estimate.energyWh).value : '–'}</span>
              <span class="range">{tot ? fmtRange(tot.estimate.energyWh) : ''}</span>
            </dd>
          </div>
          <div>
            <dt>{t('unitWaterMl')}</dt>
            <dd>
              <span class="central">{tot ? fmtBandGrams(tot.estimate.waterMl).value : '–'}</span>
              <span class="range">{tot ? fmtRange(tot.estimate.waterMl) : ''}</span>
            </dd>
          </div>
          <div>
            <dt>{t('rowPrompts')}</dt>
            <dd class="central">{tot ? fmtInt(tot.prompts) : '–'}</dd>
          </div>
          <div>
            <dt>{t('rowResponses')}</dt>
            <dd class="central">{tot ? fmtInt(tot.responses) : '–'}</dd>
          </div>
          <div>
            <dt>{t('rowTokensIn')}</dt>
            <dd class="central">{tot ? fmtInt(tot.inputTokens) : '–'}</dd>
          </div>
          <div>
            <dt>{t('rowTokensOut')}</dt>
            <dd class="central">{tot ? fmtInt(tot.outputTokens) : '–'}</dd>
          </div>
        </dl>
        {tot ? (
          <p class="note">
            {t(
              'reportSplit',
              fmtBandGrams(tot.estimate.usageGco2e).value,
              fmtBandGrams(tot.estimate.embodiedGco2e).value,
            )}
          </p>
        ) : null}
        <h3 id="r-parts">{t('headingParts')}</h3>
        <PartsTable tot={tot ?? null} />
      </section>

      <section aria-labelledby="r-daily">
        <h2 id="r-daily">{t('headingDaily')}</h2>
        {stats ? (
          <UsageChart days={stats.days} now={end} span={daysInMonth} width={640} height={180} />
        ) : (
          <div class="chart" style={{ height: '180px' }} />
        )}
      </section>

      <section aria-labelledby="r-breakdown">
        <h2 id="r-breakdown">{t('headingBreakdown')}</h2>
        <Breakdown stats={stats} expanded />
        <SitePerReply stats={stats} carbon={settings?.assumptions.carbonBoundary} />
      </section>

      <section aria-labelledby="r-method">
        <h2 id="r-method">{t('headingInUse')}</h2>
        {settings ? <AssumptionsInUse a={settings.assumptions} /> : null}
        <p>{t('methodologyBody1')}</p>
        <p>{t('methodologyBody2')}</p>
        <p class="note">{t('noteApprox')}</p>
        <ExchangeTerms />
        <Sources />
      </section>
    </main>
  );
}
