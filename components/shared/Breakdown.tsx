import { modelSpec } from '../../lib/model/carbon';
import type { CarbonBoundary } from '../../lib/model/carbon/types';
import { compareSitesPerReply } from '../../lib/model/site-compare';
import type { GroupTotals, Stats } from '../../lib/model/stats';
import { siteName } from './CaptureStatus';
import { fmtBandGrams, fmtInt, fmtPct, t } from './i18n';

const CARBON_SHORT: Record<CarbonBoundary, 'carbonLocationShort' | 'carbonMarketShort'> = {
  location: 'carbonLocationShort',
  market: 'carbonMarketShort',
};

/**
 * Sites compared per reply (issue #15): a ranking only where the per-reply bands do not
 * overlap, else "within the estimate's uncertainty". Nothing with fewer than two sites.
 */
export function SitePerReply({
  stats,
  carbon = 'location',
}: {
  stats: Stats | null;
  carbon?: CarbonBoundary;
}) {
  const pairs = stats ? compareSitesPerReply(stats.bySite) : [];
  if (pairs.length === 0) return null;
  const g = (v: number) => fmtBandGrams({ min: v, central: v, max: v }).value;
  const range = (b: { min: number; max: number }) => `${g(b.min)}–${g(b.max)}`;
  return (
    <ul class="note site-per-reply" data-testid="site-per-reply">
      {pairs.map((p) =>
        p.kind === 'apart' ? (
          <li key={`${p.lower.site}-${p.higher.site}`} data-kind="apart">
            {t(
              'sitePerReplyApart',
              siteName(p.lower.site),
              siteName(p.higher.site),
              range(p.lower.perReply),
              range(p.higher.perReply),
              t(CARBON_SHORT[carbon]),
            )}
          </li>
        ) : (
          <li key={`${p.a.site}-${p.b.site}`} data-kind="within">
            {t(
              'sitePerReplyWithin',
              siteName(p.a.site),
              siteName(p.b.site),
              range(p.a.perReply),
              range(p.b.perReply),
            )}
          </li>
        ),
      )}
    </ul>
  );
}

/** A catalogue id as the catalogue names it ("gpt-4o" → "GPT-4o"). */
export function modelLabel(id: string): string {
  return id === 'unknown' ? t('modelUnknown') : (modelSpec(id)?.name ?? id);
}

/** Grams by site, each followed by its models, largest first. */
export function Breakdown({ stats }: { stats: Stats | null }) {
  if (!stats) return <div style={{ minHeight: '80px' }} />;
  const total = stats.all.estimate.gco2e.central || 1;
  const row = (key: string, label: string, g: GroupTotals, cls: string) => {
    const b = fmtBandGrams(g.estimate.gco2e);
    return (
      <tr key={key} class={cls}>
        <th scope="row">{label}</th>
        <td>
          {b.value} {b.unit}
        </td>
        <td>{fmtPct(g.estimate.gco2e.central / total)}</td>
        <td>{fmtInt(g.responses)}</td>
      </tr>
    );
  };
  return (
    <table class="breakdown" data-testid="breakdown">
      <thead>
        <tr>
          <th scope="col">{t('colSiteModel')}</th>
          <th scope="col">{t('unitGco2e')}</th>
          <th scope="col">{t('colShare')}</th>
          <th scope="col">{t('rowResponses')}</th>
        </tr>
      </thead>
      <tbody>
        {stats.bySite.flatMap((s) => [
          row(s.site, siteName(s.site), s, 'site'),
          ...stats.byModel
            .filter((m) => m.site === s.site)
            .map((m) => row(`${m.site}:${m.model}`, modelLabel(m.model!), m, 'model')),
        ])}
      </tbody>
    </table>
  );
}
