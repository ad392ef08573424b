import { render } from 'preact';
import { Options } from '../../components/Options';
import '../../assets/base.css';

render(<Options />, document.getElementById('app')!);
