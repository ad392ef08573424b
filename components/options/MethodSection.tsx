import { browser } from 'wxt/browser';
import { t } from '../shared/i18n';
import { ExchangeTerms, Sources } from '../shared/Sources';

/** How the figures are made, with every source. */
export function MethodSection() {
  return (
    <section aria-labelledby="h-method">
      <h2 id="h-method">{t('headingMethodology')}</h2>
      <p>{t('methodologyBody1')}</p>
      <p>{t('methodologyBody2')}</p>
      <p>
        <a href={browser.runtime.getURL('/report.html')}>{t('linkReport')}</a>
      </p>
      <ExchangeTerms />
      <Sources />
    </section>
  );
}
