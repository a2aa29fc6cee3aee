// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CopyValue } from '../../../components/copy-value';
import { LongText } from '../../../components/long-text';
import { announcement } from '../../../lib/ui/announcer';
import { clientProblemSentence } from '../../../lib/ui/oauth-client-check';
import { BODY_CEILING } from '../../../lib/ui/user-text';
import { speak } from '../../support/fake-language';
import { chromeMessages } from '../../support/i18n-catalogue';

/*
 * The first half of the side panel in German, where English words were built rather than looked up: a noun
 * lower-cased into a sentence, a count written with English digit grouping, a section named in English inside a
 * sentence. The whole file runs in German (number formats are made once per page, as in the panel).
 */
const english = await chromeMessages('en');
const german = await chromeMessages('de');

beforeAll(() => speak(german, 'de'));
afterAll(() => speak(english, 'en'));

describe('the first half of the side panel in German', () => {
  it('names a copied value with the German noun, capitalised and inside a sentence', async () => {
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: {
        writeText: async () => {
          throw new Error('denied');
        },
      },
    });
    render(<CopyValue value="ada@example.com" what="email" kind="email" />);
    const button = screen.getByRole('button', { name: 'die E-Mail ada@example.com kopieren' });
    fireEvent.click(button);
    await waitFor(() =>
      expect(announcement.value?.text).toBe(
        'Kopieren war nicht erlaubt: Markieren Sie die E-Mail und kopieren Sie sie.',
      ),
    );
  });

  it('counts the characters a long body leaves out with German digit grouping', () => {
    render(<LongText text={'x'.repeat(BODY_CEILING + 1_500)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Mehr anzeigen' }));
    expect(screen.getByText(/^1\.501 weitere Zeichen werden nicht angezeigt/)).toBeTruthy();
  });

  it('names the sign-in set-up section by its German heading', () => {
    expect(clientProblemSentence('missing')).toContain(`„${german.options_oauth_title?.message}“`);
    expect(clientProblemSentence('missing')).not.toMatch(/Set up|options page/);
  });
});
