import { render } from 'preact';
import { SidePanelApp } from '../../components/side-panel-app';
import '../../components/theme.css';

const root = document.getElementById('app');
if (root) render(<SidePanelApp />, root);
