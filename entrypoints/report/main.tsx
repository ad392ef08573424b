import { render } from 'preact';
import { Report } from '../../components/Report';
import { localizeDocument } from '../../components/i18n';
import '../../assets/base.css';
import '../../assets/report.css';

localizeDocument('reportDocTitle');
render(<Report />, document.getElementById('app')!);
