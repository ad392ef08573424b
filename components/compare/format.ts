import { uiLocale } from '../i18n';

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
