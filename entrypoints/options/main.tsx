import { render } from 'preact';
import { OptionsApp } from '../../components/options-app';
import '../../components/theme.css';

const root = document.getElementById('app');
if (root) render(<OptionsApp />, root);
