import { readFileSync } from 'node:fs';
import { render } from 'preact';
import { afterEach, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Messages = Record<string, { message: string }>;

/** browser.i18n as Chrome does it: the message of the chosen locale with $1…$9 substituted. */
export function useLocale(lang: 'en' | 'fr') {
  const messages: Messages = JSON.parse(
    readFileSync(`public/_locales/${lang}/messages.json`, 'utf8'),
  );
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string[]) =>
    (messages[key]?.message ?? '').replace(/\$(\d)/g, (_m, d: string) =>
      String(subs?.[Number(d) - 1] ?? ''),
    )) as never);
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue(lang);
}

/**
 * A fresh element to render into for each test of the enclosing suite, unmounted after it;
 * modules are reset so each test imports the components under its own locale.
 */
export function mountHost(): () => HTMLElement {
  let host: HTMLElement;
  beforeEach(() => {
    vi.resetModules();
    host = document.createElement('div');
    document.body.append(host);
  });
  afterEach(() => {
    render(null, host);
    host.remove();
    vi.restoreAllMocks();
  });
  return () => host;
}
