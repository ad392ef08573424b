import { render } from 'preact';
import { Popup } from '../../components/Popup';
import { localizeDocument } from '../../components/i18n';
import '../../assets/base.css';

localizeDocument('popupDocTitle');
render(<Popup />, document.getElementById('app')!);
