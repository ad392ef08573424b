import { defineContentScript } from 'wxt/utils/define-content-script';
import { startCapture } from '../lib/capture/engine';
import { chatgpt } from '../lib/sites/chatgpt';

export default defineContentScript({
  matches: ['https://chatgpt.com/*', 'https://chat.openai.com/*'],
  runAt: 'document_idle',
  // WXT's window.postMessage announcing the script to the page: costs ~1.5 ms of CPU at load
  // (trace, 2026-11-23) and tells every page script an extension is here. The document event
  // WXT also dispatches is enough for a reloaded script to retire the old one.
  noScriptStartedPostMessage: true,
  main(ctx) {
    startCapture(ctx, chatgpt);
  },
});
