import { render } from 'preact';
import { Popup } from '../../components/Popup';
import { localizeDocument } from '../../components/i18n';
import { startPopupData } from '../../components/popup-data';
import '../../assets/base.css';

// The settings and rollup reads start before the first render and run during it.
const data = startPopupData();
localizeDocument('popupDocTitle');
render(<Popup data={data} />, document.getElementById('app')!);
