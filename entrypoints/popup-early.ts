import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { POPUP_DAYS, startEarlyReads } from '../components/shared/popup-reads';

/**
 * popup.html loads this small classic script `async`, beside its modules, so the popup's two
 * reads start before the modules have loaded; the popup takes them over (popup-data.ts).
 */
export default defineUnlistedScript(() => startEarlyReads(POPUP_DAYS));
