// @vitest-environment happy-dom
import { render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { useFocusOnMount } from '../../../components/hooks/use-focus-on-mount';

function NoteField() {
  const ref = useFocusOnMount<HTMLTextAreaElement>();
  return <textarea aria-label="Note" ref={ref} defaultValue="Parcel arrived damaged" />;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('useFocusOnMount', () => {
  it('focuses the field when the screen opens, taking focus from a button', async () => {
    const button = document.createElement('button');
    document.body.append(button);
    button.focus();
    const { getByLabelText } = render(<NoteField />);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.activeElement).toBe(getByLabelText('Note'));
  });

  it('never takes focus from a field the agent is already typing in (its effect runs after paint)', async () => {
    const email = document.createElement('input');
    email.setAttribute('aria-label', 'Customer email');
    document.body.append(email);
    // The agent reached another field before the screen's deferred effect ran (under load it can run late).
    email.focus();
    const { getByLabelText } = render(<NoteField />);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.activeElement).toBe(email);
    expect(getByLabelText('Note')).not.toBe(document.activeElement);
  });
});
