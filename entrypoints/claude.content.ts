import { defineContentScript } from 'wxt/utils/define-content-script';
import { startCapture } from '../lib/capture/engine';
import { claude } from '../lib/sites/claude';

export default defineContentScript({
  matches: ['https://claude.ai/*'],
  runAt: 'document_idle',
  main(ctx) {
    startCapture(ctx, claude);
  },
});
