import { MODELS } from '../../lib/model/carbon/models';
import { PRICES_RECORDED, priceOf } from '../../lib/model/carbon/prices';
import { fmt, fmtDate, t } from '../shared/i18n';
import { fmtPrice } from './format';

const day = (iso: string) =>
  fmtDate(new Date(`${iso}T12:00:00`).getTime(), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });

/** Every catalogue model's list price (with the date it took effect and its page) and speed. */
export function PriceTable() {
  return (
    <>
      <p class="note">{t('pricesBody', day(PRICES_RECORDED))}</p>
      <div class="scroll" tabIndex={0} role="region" aria-labelledby="c-prices">
        <table class="cmp prices" data-testid="prices">
          <caption class="sr-only">{t('compareHeadingPrices')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colModel')}</th>
              <th scope="col">{t('colPriceInput')}</th>
              <th scope="col">{t('colPriceCached')}</th>
              <th scope="col">{t('colPriceOutput')}</th>
              <th scope="col">{t('colPriceSince')}</th>
              <th scope="col">{t('colTps')}</th>
              <th scope="col">{t('colTtft')}</th>
            </tr>
          </thead>
          <tbody>
            {Object.values(MODELS).map((m) => {
              const p = priceOf(m.id);
              return (
                <tr key={m.id}>
                  <th scope="row">{m.name}</th>
                  {p ? (
                    <>
                      <td>{fmtPrice(p.inputPerM)}</td>
                      <td>{p.cachedInputPerM === null ? '–' : fmtPrice(p.cachedInputPerM)}</td>
                      <td>{fmtPrice(p.outputPerM)}</td>
                      <td>
                        <a href={p.url} target="_blank" rel="noreferrer">
                          {day(p.since)}
                        </a>{' '}
                        <span class="range">{p.apiModel}</span>
                      </td>
                    </>
                  ) : (
                    <td colSpan={4} class="noprice">
                      {t('noPublicPrice')}
                    </td>
                  )}
                  <td>{m.deployment ? fmt(m.deployment.tps) : '–'}</td>
                  <td>{m.deployment ? fmt(m.deployment.ttftS) : '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
