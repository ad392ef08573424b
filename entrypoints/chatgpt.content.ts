import { defineContentScript } from 'wxt/utils/define-content-script';
import { startCapture } from '../lib/capture/engine';
import { chatgpt } from '../lib/sites/chatgpt';

export default defineContentScript({
  matches: ['https://chatgpt.com/*', 'https://chat.openai.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    startCapture(ctx, chatgpt);
  },
});
