import { browser } from 'wxt/browser';
import type en from '../../public/_locales/en/messages.json';
import type { Band } from '../../lib/model/carbon/types';

/** Every message id of public/_locales/en/messages.json (type only: nothing is bundled). */
export type MessageKey = keyof typeof en;

/**
 * The browser's own i18n (messages from public/_locales/<lang>/messages.json, chosen by the
 * browser's UI language). Falls back to the key so a missing message is visible, not blank.
 */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  try {
    // The key is checked against messages.json above; WXT's generated overloads may lag behind.
    const m = browser.i18n.getMessage(key as never, subs.map(String));
    if (m) return m;
  } catch {
    // Unit tests run without an i18n implementation.
  }
  return subs.length ? `${key} ${subs.join(' ')}` : key;
}

/** The UI language, for Intl number and date formats. */
export function uiLocale(): string {
  try {
    return browser.i18n.getUILanguage() || navigator.language;
  } catch {
    return typeof navigator === 'undefined' ? 'en' : navigator.language;
  }
}

const cache = new Map<string, Intl.NumberFormat>();
function nf(digits: number, integer = false): Intl.NumberFormat {
  const k = `${digits}:${integer}`;
  let f = cache.get(k);
  if (!f) {
    f = new Intl.NumberFormat(
      uiLocale(),
      integer ? { maximumFractionDigits: 0 } : { maximumSignificantDigits: digits },
    );
    cache.set(k, f);
  }
  return f;
}

/** An estimate: two significant digits (the ranges are wide; more would be false precision). */
export function fmt(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return '–';
  if (Math.abs(n) >= 10 ** digits) return nf(0, true).format(n);
  return nf(digits).format(n);
}

/** A count (tokens, prompts): exact, grouped. */
export function fmtInt(n: number): string {
  return Number.isFinite(n) ? nf(0, true).format(n) : '–';
}

/** A range as "min–max". */
export function fmtRange(b: { min: number; max: number }): string {
  return `${fmt(b.min)}–${fmt(b.max)}`;
}

/** Grams, switching to kilograms above 1,000 g. */
export function fmtGrams(g: number): { value: string; unit: string } {
  return Math.abs(g) >= 1000 ? { value: fmt(g / 1000), unit: 'kg' } : { value: fmt(g), unit: 'g' };
}

export function fmtBandGrams(b: Band): { value: string; range: string; unit: string } {
  const kg = Math.abs(b.central) >= 1000;
  const d = kg ? 1000 : 1;
  return {
    value: fmt(b.central / d),
    range: `${fmt(b.min / d)}–${fmt(b.max / d)}`,
    unit: kg ? 'kg' : 'g',
  };
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/**
 * A date in the UI language. The formats are kept: the daily chart formats every axis
 * label, several times while uPlot sizes its axes, and creating an Intl.DateTimeFormat
 * for each is slow enough to delay the popup's first paint.
 */
export function fmtDate(t: number, opts: Intl.DateTimeFormatOptions): string {
  const k = JSON.stringify(opts);
  let f = dateFormats.get(k);
  if (!f) dateFormats.set(k, (f = new Intl.DateTimeFormat(uiLocale(), opts)));
  return f.format(t);
}

/** Sets <html lang> to the language of the messages in use, and the localized page title. */
export function localizeDocument(titleKey: MessageKey): void {
  const lang = t('lang') === 'lang' ? 'en' : t('lang');
  const title = t(titleKey);
  // Only when they differ: setting the title replaces the <title> text and tells the
  // browser, even when it is already right.
  if (document.documentElement.lang !== lang) document.documentElement.lang = lang;
  if (document.title !== title) document.title = title;
}

/** A share as a percentage in the locale's style ("49%", "49 %"). */
export function fmtPct(fraction: number): string {
  if (!Number.isFinite(fraction)) return '–';
  // Kept like the other formats: creating an Intl.NumberFormat is slow.
  let f = cache.get('pct');
  if (!f) {
    f = new Intl.NumberFormat(uiLocale(), { style: 'percent', maximumSignificantDigits: 2 });
    cache.set('pct', f);
  }
  return f.format(fraction);
}
