import { render } from 'preact';
import { Popup } from '../../components/Popup';
import { localizeDocument } from '../../components/i18n';
import { db } from '../../lib/db/schema';
import '../../assets/base.css';

// Open IndexedDB while the first render runs: the rollups query then finds it ready.
void db()
  .open()
  .catch(() => undefined);
localizeDocument('popupDocTitle');
render(<Popup />, document.getElementById('app')!);
