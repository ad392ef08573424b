import { defineContentScript } from 'wxt/utils/define-content-script';
import { startTap } from '../lib/content/tap/start';
import { geminiTraffic } from '../lib/content/tap/gemini';
import { installXhrTap } from '../lib/content/tap/xhr';

/** The passive tap of the page's own traffic (lib/content/tap): main world, before page scripts. */
export default defineContentScript({
  matches: ['https://gemini.google.com/*'],
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    // Gemini streams its replies over XMLHttpRequest (gemini-2026.md §5).
    startTap(geminiTraffic, installXhrTap);
  },
});
