import { defineContentScript } from 'wxt/utils/define-content-script';
import { startTap } from '../lib/content/tap/start';
import { claudeTraffic } from '../lib/content/tap/claude';

/** The passive tap of the page's own traffic (lib/content/tap): main world, before page scripts. */
export default defineContentScript({
  matches: ['https://claude.ai/*'],
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    startTap(claudeTraffic);
  },
});
