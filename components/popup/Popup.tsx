import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Assumptions } from '../../lib/model/carbon/types';
import type { DailyRow } from '../../lib/db/schema';
import { browser } from 'wxt/browser';
import type { Stats } from '../../lib/model/stats';
import { CaptureStatus } from '../shared/CaptureStatus';
import { SlopesChart, UsageChart } from '../shared/charts';
import { useAfterPaint, useLive } from '../shared/live';
import { startPopupData, type PopupData } from './popup-data';
import { fmt, fmtBandGrams, fmtPct, t, type MessageKey } from '../shared/i18n';
import {
  EQUIVALENT_LABEL,
  mainProvider,
  projections,
  slopeLines,
  thirtyDayHabit,
  whatIfs,
} from './model';
import { TIER_MESSAGE } from '../shared/charts';
import { computeStats } from '../../lib/model/stats';
import { Totals } from './Totals';
import { Breakdown, SitePerReply } from '../shared/Breakdown';
import { BoundaryNote } from '../shared/Boundaries';
import type { HorizonId } from '../../lib/model/projection';
import { Headline } from './Headline';
import { LongChatNote } from './LongChat';
import { longChatHint } from '../shared/long-chat';

const HORIZON_LABEL: Record<HorizonId, MessageKey> = {
  '1m': 'horizon1m',
  '3m': 'horizon3m',
  '6m': 'horizon6m',
  '1y': 'horizon1y',
  '2y': 'horizon2y',
  '5y': 'horizon5y',
};

function openPage(path: '/report.html' | '/compare.html' | '/options.html') {
  return (e: Event) => {
    e.preventDefault();
    // The options page opens where the browser keeps it (an existing tab is reused).
    void (path === '/options.html'
      ? browser.runtime.openOptionsPage()
      : browser.tabs.create({ url: browser.runtime.getURL(path) }));
    window.close();
  };
}

export function Popup({ data: given }: { data?: PopupData }) {
  const [data] = useState(() => given ?? startPopupData());
  const { now } = data;
  const settings = useLive(data.settings);
  const rows = useLive(data.recent);
  const last = useLive(data.last);
  const hint = useMemo(
    () => (settings ? longChatHint(last, settings.assumptions, settings.longChatTokens) : null),
    [last, settings],
  );
  const stats: Stats | null = useMemo(
    () => (settings && rows ? computeStats(rows, settings.assumptions, now) : null),
    [settings, rows, now],
  );
  // The totals and the daily chart paint from the recent rows; what that paint does not need
  // (all of history, the slopes chart, the what-ifs, the badge) waits for the frame after it.
  const painted = useAfterPaint(stats !== null);
  const allRows = useLive(data.all);
  useEffect(() => {
    if (!painted) return;
    // All of history, and live updates of both reads.
    data.follow();
    // The badge is brought up to date (see refreshBadgeNow); Dexie loads only now.
    void import('./popup-follow').then(
      (m) => m.refreshBadgeNow(),
      () => undefined,
    );
  }, [painted, data]);
  const allStats: Stats | null = useMemo(
    () => (settings && allRows ? computeStats(allRows, settings.assumptions, now) : null),
    [settings, allRows, now],
  );
  const empty = allStats !== null && allStats.all.responses === 0 && allStats.all.prompts === 0;
  // Nothing in the recent days and all of history not read yet: neither the chart nor the
  // empty state is known to be right, so the placeholders stay.
  const undecided = allStats === null && rows?.length === 0;

  return (
    <main class="popup">
      <header class="top">
        <h1>Tokenprint</h1>
        <nav aria-label={t('navLabel')}>
          <a href="/report.html" onClick={openPage('/report.html')}>
            {t('linkReport')}
          </a>
          <a href="/compare.html" onClick={openPage('/compare.html')}>
            {t('linkCompare')}
          </a>
          <a href="/options.html" onClick={openPage('/options.html')}>
            {t('linkOptions')}
          </a>
        </nav>
      </header>
      <CaptureStatus start={painted} />

      {allStats && allStats.skipped > 0 ? (
        <p class="status bad" role="alert">
          {t('skippedRows', String(allStats.skipped))}
        </p>
      ) : null}
      <Headline week={stats?.week ?? null} />
      <LongChatNote hint={hint} />
      <section aria-labelledby="h-totals">
        <h2 id="h-totals">{t('headingTotals')}</h2>
        <Totals stats={stats} allTime={allStats?.all ?? null} />
      </section>

      {empty ? (
        <section class="empty" aria-labelledby="h-empty" data-testid="empty-state">
          <h2 id="h-empty">{t('emptyTitle')}</h2>
          <p>{t('emptyBody1')}</p>
          <p>{t('emptyBody2')}</p>
          <p>{t('emptyBody3')}</p>
        </section>
      ) : (
        <Details
          stats={undecided ? null : stats}
          allStats={allStats}
          rows={rows}
          assumptions={settings?.assumptions}
          now={now}
          painted={painted}
        />
      )}

      <p class="note">{t('noteApprox')}</p>
      <BoundaryNote a={settings?.assumptions} />
    </main>
  );
}

/** Everything below the totals; placeholders of the same height until the data arrives. */
function Details({
  stats,
  allStats,
  rows,
  assumptions: a,
  now,
  painted,
}: {
  /** From the recent rollups (the last POPUP_DAYS days). */
  stats: Stats | null;
  /** From every rollup (arrives after `stats`). */
  allStats: Stats | null;
  rows: DailyRow[] | null;
  assumptions: Assumptions | undefined;
  now: number;
  /** The frame with the totals and the daily chart has been painted. */
  painted: boolean;
}) {
  const provider = mainProvider(allStats ?? stats);
  const lines = useMemo(() => (a ? slopeLines(a, provider) : []), [a, provider]);
  const habit = useMemo(() => (stats ? thirtyDayHabit(stats, now) : null), [stats, now]);
  const proj = useMemo(() => (habit ? projections(habit) : null), [habit]);
  // The what-ifs re-estimate the last 30 days three times: computed after the totals and the
  // daily chart have painted, into space already reserved.
  const ifs = useMemo(
    () => (painted && rows && a ? whatIfs(rows, a, now) : null),
    [painted, rows, a, now],
  );
  const region = useRegionName(a?.providers[provider].region, painted);

  return (
    <>
      <section aria-labelledby="h-daily">
        <h2 id="h-daily">{t('headingDaily')}</h2>
        {stats ? (
          <UsageChart days={stats.days} now={now} />
        ) : (
          <div class="chart" style={{ height: '130px' }} />
        )}
      </section>

      <section aria-labelledby="h-slopes">
        <h2 id="h-slopes">{t('headingSlopes')}</h2>
        <p class="sub">{t('slopesSub', region)}</p>
        {stats ? (
          <SlopesChart
            draw={painted}
            lines={lines}
            user={
              allStats
                ? {
                    tokens: allStats.all.outputTokens,
                    grams: allStats.all.estimate.gco2e.central,
                  }
                : null
            }
          />
        ) : (
          <div class="chart" style={{ height: '170px' }} />
        )}
      </section>

      <section aria-labelledby="h-proj">
        <h2 id="h-proj">{t('headingProjections')}</h2>
        <p class="sub">
          {habit
            ? t(
                'habitLine',
                fmt(habit.rates.gco2e.central),
                t(
                  habit.trend.gco2e.direction === 'up'
                    ? 'trendUp'
                    : habit.trend.gco2e.direction === 'down'
                      ? 'trendDown'
                      : 'trendFlat',
                ),
              )
            : '\u00a0'}{' '}
          {t('projectionsSub')}
        </p>
        <table class="proj" data-testid="projections">
          <thead>
            <tr>
              <th scope="col">{t('colHorizon')}</th>
              <th scope="col">{t('unitGco2e')}</th>
              <th scope="col">{t('colEquivalent')}</th>
            </tr>
          </thead>
          <tbody>
            {(proj ?? HORIZON_KEYS.map(() => null)).map((p, i) => {
              const g = p ? fmtBandGrams(p.gco2e) : null;
              return (
                <tr key={p?.horizon ?? i}>
                  <th scope="row">{p ? t(HORIZON_LABEL[p.horizon]) : '–'}</th>
                  <td>
                    {g ? (
                      <>
                        <span class="central">
                          {g.value} {g.unit}
                        </span>{' '}
                        <span class="range">{g.range}</span>
                      </>
                    ) : (
                      '–'
                    )}
                  </td>
                  <td>
                    {p
                      ? t(EQUIVALENT_LABEL[p.equivalent.id], fmt(p.equivalent.amount.central))
                      : '–'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="h-breakdown">
        <h2 id="h-breakdown">{t('headingBreakdown')}</h2>
        <Breakdown stats={allStats} />
        <SitePerReply stats={allStats} carbon={a?.carbonBoundary} />
      </section>

      <section aria-labelledby="h-whatif">
        <h2 id="h-whatif">{t('headingWhatIf')}</h2>
        <ul class="whatif" data-testid="whatif">
          {(ifs ?? []).map((w) => (
            <li key={w.kind}>
              {w.kind === 'smallerTier'
                ? t('whatIfSmaller', fmt(w.savedG), fmtPct(w.savedPct), t(TIER_MESSAGE[w.tier!]))
                : t(
                    w.kind === 'otherRegion' ? 'whatIfRegion' : 'whatIfShorter',
                    fmt(w.savedG),
                    fmtPct(w.savedPct),
                  )}
            </li>
          ))}
          {ifs && ifs.length === 0 ? <li>{t('whatIfNone')}</li> : null}
        </ul>
      </section>
    </>
  );
}

const HORIZON_KEYS = Object.keys(HORIZON_LABEL);

type RegionNames = typeof import('../shared/region-names');

/**
 * A region's name in the UI language (the slopes subtitle), once ./region-names has loaded;
 * its code until then. Loaded after the first paint (`load`): its name tables need not hold
 * up the chart, and the subtitle sits below it.
 */
function useRegionName(code: string | undefined, load: boolean): string {
  const [names, setNames] = useState<RegionNames | null>(null);
  useEffect(() => {
    if (!load || names) return;
    let live = true;
    void import('../shared/region-names').then(
      (m) => live && setNames(() => m),
      () => undefined, // the code stays: still the right region
    );
    return () => {
      live = false;
    };
  }, [load, names]);
  if (!code) return '';
  return names ? names.localRegionName(code) : code;
}
