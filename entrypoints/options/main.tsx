import { render } from 'preact';
import { Options } from '../../components/options/Options';
import { localizeDocument } from '../../components/shared/i18n';
import '../../assets/base.css';

localizeDocument('optionsDocTitle');
render(<Options />, document.getElementById('app')!);
