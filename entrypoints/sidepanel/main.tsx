import { render } from 'preact';
import { SidePanelApp } from '../../components/side-panel-app';
import '../../components/theme.css';
import { markBoot } from '../../lib/ui/boot-marks';

markBoot('modules');
const root = document.getElementById('app');
if (root) render(<SidePanelApp />, root);
markBoot('first-render');
