import { defineContentScript } from 'wxt/utils/define-content-script';
import { startSiteCapture } from '../lib/content/capture/start';
import { gemini } from '../lib/content/sites/gemini';

export default defineContentScript({
  matches: ['https://gemini.google.com/*'],
  // document_start for the channel to the traffic tap; the DOM observer waits for the parse.
  runAt: 'document_start',
  // WXT's window.postMessage announcing the script would tell every page script an
  // extension is here; its document event is enough for a reloaded script to retire the old one.
  noScriptStartedPostMessage: true,
  main(ctx) {
    startSiteCapture(ctx, gemini);
  },
});
