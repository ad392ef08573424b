import { render } from 'preact';
import { Popup } from '../../components/popup/Popup';
import { localizeDocument } from '../../components/shared/i18n';
import { firstData, startPopupData } from '../../components/popup/popup-data';
import '../../assets/base.css';

/**
 * How long the first render waits for its data (see firstData): longer than the usual reads
 * take; slower ones (a first opening, the Dexie fallback) show the placeholders after this.
 */
const FIRST_RENDER_WAIT_MS = 50;

// The settings and rollup reads started before this (popup-early.js) or start now.
const data = startPopupData();
localizeDocument('popupDocTitle');
void firstData(data, FIRST_RENDER_WAIT_MS).then(() =>
  render(<Popup data={data} />, document.getElementById('app')!),
);
