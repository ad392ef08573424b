import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { POPUP_DAYS, startEarlyReads } from '../components/shared/popup-reads';

/**
 * popup.html loads this small classic script `async`, beside its modules: it starts the
 * popup's two reads as soon as it arrives, 10–20 ms before the modules have loaded and
 * evaluated; the popup takes them over (components/popup/popup-data.ts).
 */
export default defineUnlistedScript(() => startEarlyReads(POPUP_DAYS));
