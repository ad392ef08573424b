import { render } from 'preact';
import { Popup } from '../../components/Popup';
import '../../assets/base.css';

render(<Popup />, document.getElementById('app')!);
