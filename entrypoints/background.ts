import { defineBackground } from 'wxt/utils/define-background';
import { registerBackgroundHandlers } from '../lib/worker/background';

export default defineBackground({
  type: 'module',
  main() {
    registerBackgroundHandlers();
  },
});
