import { render } from 'preact';
import { Compare } from '../../components/compare/Compare';
import { firstData } from '../../components/compare/compare-data';
import { localizeDocument } from '../../components/shared/i18n';
import '../../assets/base.css';
import './page.css';

/** How long the first render waits for its data (components/compare/compare-data.ts). */
const FIRST_RENDER_WAIT_MS = 50;

localizeDocument('compareDocTitle');
void firstData(FIRST_RENDER_WAIT_MS).then(() =>
  render(<Compare />, document.getElementById('app')!),
);
