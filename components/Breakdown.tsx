import { modelSpec } from '../lib/carbon';
import type { GroupTotals, Stats } from '../lib/stats';
import { siteName } from './CaptureStatus';
import { fmtBandGrams, fmtInt, fmtPct, t } from './i18n';

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
