import { render } from 'preact';
import { OptionsApp } from '../../components/options-app';
import { applyDocumentLocale } from '../../lib/i18n/document';
import '../../components/theme.css';

applyDocumentLocale();

const root = document.getElementById('app');
if (root) render(<OptionsApp />, root);
