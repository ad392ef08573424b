import type { Band } from '../model/carbon/types';

/**
 * The opt-in per-response badge on a chat page: a small pill after the response with its
 * grams, e.g. "≈0.28 g CO₂e". Plain DOM in a shadow root, so the chat site's CSS
 * cannot restyle it and its own CSS cannot leak into the site. Content scripts call it with
 * the grams the background returned in the capture acknowledgement (`CaptureAck.gco2e`).
 * Idempotent per anchor: a second call updates the text.
 */
export const RESPONSE_BADGE_TAG = 'tokenprint-badge';

export function responseBadgeText(g: Band, locale?: string): string {
  const f = new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 });
  return `≈${f.format(g.central)} g CO₂e`;
}

export function responseBadgeTitle(g: Band, locale?: string): string {
  const f = new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 });
  return `Tokenprint: ${f.format(g.min)}–${f.format(g.max)} g CO₂e for this response`;
}

const texts = new WeakMap<Element, HTMLSpanElement>();

export function showResponseBadge(anchor: Element, g: Band, locale?: string): HTMLElement {
  const doc = anchor.ownerDocument;
  const existing = texts.get(anchor);
  if (existing) {
    existing.textContent = responseBadgeText(g, locale);
    existing.title = responseBadgeTitle(g, locale);
    return existing.parentNode instanceof ShadowRoot
      ? (existing.parentNode.host as HTMLElement)
      : existing;
  }
  const host = doc.createElement(RESPONSE_BADGE_TAG);
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent =
    ':host{display:inline-block;margin:4px 0;font:12px/1.4 system-ui,sans-serif}' +
    'span{padding:1px 8px;border-radius:999px;border:1px solid rgba(47,125,79,.5);' +
    'color:#2f7d4f;background:rgba(47,125,79,.08)}' +
    '@media (prefers-color-scheme:dark){span{color:#6fcf97;border-color:rgba(111,207,151,.5)}}';
  const span = doc.createElement('span');
  span.textContent = responseBadgeText(g, locale);
  span.title = responseBadgeTitle(g, locale);
  root.append(style, span);
  anchor.after(host);
  texts.set(anchor, span);
  return host;
}
