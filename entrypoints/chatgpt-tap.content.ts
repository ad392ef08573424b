import { defineContentScript } from 'wxt/utils/define-content-script';
import { startTap } from '../lib/content/tap/start';
import { chatgptTraffic } from '../lib/content/tap/chatgpt';

/** The passive tap of the page's own traffic (lib/content/tap): main world, before page scripts. */
export default defineContentScript({
  matches: ['https://chatgpt.com/*', 'https://chat.openai.com/*'],
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    startTap(chatgptTraffic);
  },
});
