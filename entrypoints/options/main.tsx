import { render } from 'preact';
import { OptionsApp } from '../../components/options-app';
import '../../components/theme.css';
import { applyDocumentLocale } from '../../lib/i18n/document';

applyDocumentLocale();

const root = document.getElementById('app');
if (root) render(<OptionsApp />, root);
