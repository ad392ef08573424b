import { render } from 'preact';
import { Compare } from '../../components/compare/Compare';
import { firstData } from '../../components/compare/compare-data';
import { localizeDocument } from '../../components/shared/i18n';
import '../../assets/base.css';
import pageCss from './page.css?inline';

/** How long the first render waits for its data (components/compare/compare-data.ts). */
const FIRST_RENDER_WAIT_MS = 50;

// The page's own styles come inside its script, applied before the first render: one
// extension resource fewer to fetch before it (docs/performance.md, Compare page).
document.head.append(Object.assign(document.createElement('style'), { textContent: pageCss }));
localizeDocument('compareDocTitle');
void firstData(FIRST_RENDER_WAIT_MS).then(() =>
  render(<Compare />, document.getElementById('app')!),
);
