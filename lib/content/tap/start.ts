import { openTapSender } from './channel';
import { installFetchTap, type TrafficParser } from './fetch';
import { installXhrTap } from './xhr';

/**
 * The main-world tap of one site: the channel's handshake first, then the fetch wrapper (and
 * the XHR watcher for a site that streams over XMLHttpRequest).
 */
export function startTap(parser: TrafficParser, opts: { xhr?: boolean } = {}): void {
  try {
    const send = openTapSender();
    installFetchTap(globalThis, parser, send);
    if (opts.xhr) installXhrTap(globalThis, parser, send);
  } catch {
    // Never into the page: without the tap, capture counts from the DOM.
  }
}
