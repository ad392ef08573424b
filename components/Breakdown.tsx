import type { Stats } from '../lib/stats';
import { siteName } from './CaptureStatus';
import { fmt, fmtBandGrams, t } from './i18n';

/** Grams by site and by model (all time), largest first. */
export function Breakdown({ stats }: { stats: Stats | null }) {
  if (!stats) return <div style={{ minHeight: '80px' }} />;
  const total = stats.all.estimate.gco2e.central || 1;
  const row = (key: string, label: string, g: number, responses: number) => {
    const b = fmtBandGrams({ central: g, min: g, max: g });
    return (
      <tr key={key}>
        <th scope="row">{label}</th>
        <td>
          {b.value} {b.unit}
        </td>
        <td>{fmt((100 * g) / total)} %</td>
        <td>{responses}</td>
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
        {stats.bySite.map((s) =>
          row(s.site, siteName(s.site), s.estimate.gco2e.central, s.responses),
        )}
        {stats.byModel.map((m) =>
          row(
            `${m.site}:${m.model}`,
            `${siteName(m.site)} · ${m.model === 'unknown' ? t('modelUnknown') : m.model}`,
            m.estimate.gco2e.central,
            m.responses,
          ),
        )}
      </tbody>
    </table>
  );
}
