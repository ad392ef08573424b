import { useState } from 'preact/hooks';
import { modelSpec } from '../../lib/model/carbon';
import type { CarbonBoundary } from '../../lib/model/carbon/types';
import { compareSitesPerReply } from '../../lib/model/site-compare';
import type { GroupTotals, Stats } from '../../lib/model/stats';
import { siteName } from './CaptureStatus';
import { fmtBandGrams, fmtInt, fmtPct, t } from './i18n';
import { PartsLine } from './Parts';

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

/**
 * Grams by site, each followed by its models, largest first. Each row's label opens a second
 * line with its parts (issue #14); `expanded` shows every line without buttons (the report).
 */
export function Breakdown({ stats, expanded }: { stats: Stats | null; expanded?: boolean }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  if (!stats) return <div style={{ minHeight: '80px' }} />;
  const total = stats.all.estimate.gco2e.central || 1;
  const toggle = (key: string) =>
    setOpen((o) => {
      const n = new Set(o);
      if (!n.delete(key)) n.add(key);
      return n;
    });
  const row = (key: string, label: string, g: GroupTotals, cls: string) => {
    const b = fmtBandGrams(g.estimate.gco2e);
    const id = `bd-parts-${key.replace(/[^\w-]/g, '_')}`;
    const shown = expanded || open.has(key);
    return [
      <tr key={key} class={cls} data-key={key}>
        <th scope="row">
          {expanded ? (
            label
          ) : (
            <button
              type="button"
              class="row-toggle"
              aria-expanded={shown}
              aria-controls={id}
              onClick={() => toggle(key)}
            >
              {label}
            </button>
          )}
        </th>
        <td>
          {b.value} {b.unit}
        </td>
        <td>{fmtPct(g.estimate.gco2e.central / total)}</td>
        <td>{fmtInt(g.responses)}</td>
      </tr>,
      <tr key={`${key}/parts`} id={id} class={`row-parts of-${cls}`} hidden={!shown}>
        <td colSpan={4}>{shown ? <PartsLine tot={g} /> : null}</td>
      </tr>,
    ];
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
          ...row(s.site, siteName(s.site), s, 'site'),
          ...stats.byModel
            .filter((m) => m.site === s.site)
            .flatMap((m) => row(`${m.site}:${m.model}`, modelLabel(m.model!), m, 'model')),
        ])}
      </tbody>
    </table>
  );
}
