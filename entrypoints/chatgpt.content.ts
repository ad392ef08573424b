import { startSimpleCapture } from '../lib/capture/simple';

export default defineContentScript({
  matches: ['https://chatgpt.com/*', 'https://chat.openai.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    startSimpleCapture(ctx);
  },
});
