import { defineContentScript } from 'wxt/utils/define-content-script';
import { startCapture } from '../lib/capture/engine';
import { lechat } from '../lib/sites/lechat';

export default defineContentScript({
  matches: ['https://chat.mistral.ai/*'],
  runAt: 'document_idle',
  main(ctx) {
    startCapture(ctx, lechat);
  },
});
