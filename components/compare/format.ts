import { uiLocale } from '../shared/i18n';

let usd: Intl.NumberFormat | undefined;
/** US dollars in the UI language, three significant digits (prices are exact, usage is not). */
export function fmtUsd(n: number): string {
  if (!Number.isFinite(n)) return '–';
  usd ??= new Intl.NumberFormat(uiLocale(), {
    style: 'currency',
    currency: 'USD',
    maximumSignificantDigits: 3,
  });
  return usd.format(n);
}

let price: Intl.NumberFormat | undefined;
/** A list price per million tokens: cents always shown, up to four decimals ($0.50, $0.075). */
export function fmtPrice(n: number): string {
  price ??= new Intl.NumberFormat(uiLocale(), {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: 4,
  });
  return price.format(n);
}
