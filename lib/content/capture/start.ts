import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { SiteAdapter } from './site-adapter';
import { startCapture } from './engine';
import { listenToTap } from './tap-source';

/**
 * The isolated content script of one site. It runs at document_start so that the channel
 * to the traffic tap opens before any page script (lib/content/tap/channel.ts); the DOM observer
 * starts once the document is parsed.
 */
export function startSiteCapture(ctx: ContentScriptContext, adapter: SiteAdapter): void {
  const tap = listenToTap();
  const start = () => startCapture(ctx, adapter, tap);
  if (document.readyState === 'loading')
    ctx.addEventListener(document, 'DOMContentLoaded', start, { once: true });
  else start();
}
