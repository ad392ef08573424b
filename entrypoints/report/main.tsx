import { render } from 'preact';
import { Report } from '../../components/report/Report';
import { localizeDocument } from '../../components/shared/i18n';
import '../../assets/base.css';
import '../../assets/report.css';

localizeDocument('reportDocTitle');
render(<Report />, document.getElementById('app')!);
