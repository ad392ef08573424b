import { render } from 'preact';
import { Compare } from '../../components/compare/Compare';
import { localizeDocument } from '../../components/i18n';
import '../../assets/base.css';
import '../../assets/report.css';
import '../../assets/compare.css';

localizeDocument('compareDocTitle');
render(<Compare />, document.getElementById('app')!);
