import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { CaptureHealth, SourceStates, SourcesSeen } from '../../lib/shared/health';
import { sourcesSeenItem, tabHealthItem } from '../../lib/shared/health-items';
import { t, uiLocale } from './i18n';
import { SITE_HOSTS, SITE_NAMES } from '../../lib/shared/types';

export type CaptureState =
  | { kind: 'loading' }
  | { kind: 'working'; health: CaptureHealth }
  | { kind: 'broken'; health: CaptureHealth }
  /** A chat site's page whose content script never reported (opened before install, or blocked). */
  | { kind: 'silent' }
  | { kind: 'notChat' };

const CHAT_HOSTS = Object.values(SITE_HOSTS).flat();

/** Decides what to tell the user from the tab's URL (if visible) and its health report. */
export function captureState(url: string | undefined, health: CaptureHealth | null): CaptureState {
  if (health)
    return health.state === 'working' ? { kind: 'working', health } : { kind: 'broken', health };
  let host = '';
  try {
    host = url ? new URL(url).hostname : '';
  } catch {
    host = '';
  }
  return CHAT_HOSTS.includes(host) ? { kind: 'silent' } : { kind: 'notChat' };
}

/** Each source's state in words, and when each last saw a counted turn on this site. */
export function sourceLines(
  health: CaptureHealth,
  seen: SourcesSeen,
  now: number,
): { states: string; lastSeen: string } | null {
  const s = health.sources;
  if (!s) return null;
  const word = (state: SourceStates['tap']) =>
    t(state === 'working' ? 'sourceWorking' : state === 'broken' ? 'sourceBroken' : 'sourceOff');
  const rtf = new Intl.RelativeTimeFormat(uiLocale(), { numeric: 'auto' });
  const ago = (at: number | undefined) => {
    if (!at) return t('sourceNever');
    const min = Math.round((at - now) / 60_000);
    if (min > -60) return rtf.format(min, 'minute');
    const h = Math.round(min / 60);
    return h > -48 ? rtf.format(h, 'hour') : rtf.format(Math.round(h / 24), 'day');
  };
  const site = seen[health.site] ?? {};
  return {
    states: t('captureSources', word(s.dom), word(s.tap)),
    lastSeen: t('sourcesLastSeen', ago(site.dom), ago(site.tap)),
  };
}

/**
 * Capture status of the current tab: working, not a chat page, or not working (with what to
 * do, and which of the two sources fails). Its queries wait for `start` (the popup starts
 * them after its first paint).
 */
export function CaptureStatus({ start = true }: { start?: boolean }) {
  const [state, setState] = useState<CaptureState>({ kind: 'loading' });
  const [seen, setSeen] = useState<SourcesSeen>({});
  useEffect(() => {
    if (!start) return;
    let unwatch: (() => void) | undefined;
    let live = true;
    void (async () => {
      try {
        // The active tab's id needs no 'tabs' permission; its URL is visible on the chat
        // sites because the content-script matches grant host access there.
        const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
        if (!tab?.id) return live && setState({ kind: 'notChat' });
        const item = tabHealthItem(tab.id);
        const show = (h: CaptureHealth | null) => live && setState(captureState(tab.url, h));
        show(await item.getValue());
        unwatch = item.watch(show);
        if (live) setSeen(await sourcesSeenItem().getValue());
      } catch {
        if (live) setState({ kind: 'notChat' });
      }
    })();
    return () => {
      live = false;
      unwatch?.();
    };
  }, [start]);

  const [cls, text, help] =
    state.kind === 'working'
      ? ['ok', t('captureWorking', siteName(state.health.site)), '']
      : state.kind === 'broken'
        ? [
            'bad',
            // One source of two still counting: capture is half broken, not stopped.
            state.health.sources?.dom === 'working' || state.health.sources?.tap === 'working'
              ? t('captureBrokenPart', siteName(state.health.site))
              : t('captureBroken', siteName(state.health.site)),
            // The adapter's own reason (English, from lib/shared/health.ts), then what to do.
            `${state.health.detail ? `(${state.health.detail}) ` : ''}${t('captureBrokenHelp')}`,
          ]
        : state.kind === 'silent'
          ? ['bad', t('captureSilent'), t('captureSilentHelp')]
          : state.kind === 'notChat'
            ? ['idle', t('captureNotChat'), '']
            : ['idle', '\u00a0', ''];
  const lines =
    state.kind === 'working' || state.kind === 'broken'
      ? sourceLines(state.health, seen, Date.now())
      : null;
  return (
    <p class={`status ${cls}`} role="status" data-testid="capture-status">
      <span class="dot" aria-hidden="true" />
      <span>
        {text}
        {help ? <span class="help"> {help}</span> : null}
        {lines ? (
          <span class="help" data-testid="capture-sources">
            {' '}
            {lines.states} {lines.lastSeen}
          </span>
        ) : null}
      </span>
    </p>
  );
}

export function siteName(site: string): string {
  return (SITE_NAMES as Record<string, string>)[site] ?? site;
}
