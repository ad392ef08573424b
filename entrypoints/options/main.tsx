import { render } from 'preact';
import { Options } from '../../components/Options';
import { localizeDocument } from '../../components/i18n';
import '../../assets/base.css';

localizeDocument('optionsDocTitle');
render(<Options />, document.getElementById('app')!);
