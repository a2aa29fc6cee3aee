// @vitest-environment happy-dom
import { fireEvent, render, screen } from '@testing-library/preact';
import { expect, it } from 'vitest';
import { lazyView } from '../../../components/lazy-view';
import './harness';

function Hello({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

it('shows a skeleton, then the screen once its code is loaded', async () => {
  const View = lazyView(async () => Hello);
  render(<View name="Ada" />);
  expect(screen.getByText('Opening…')).toBeTruthy();
  expect(await screen.findByText('Hello Ada')).toBeTruthy();
});

it('offers a retry when the code cannot be loaded, and loads it on retry', async () => {
  let attempts = 0;
  const View = lazyView(async () => {
    attempts += 1;
    if (attempts === 1) throw new Error('Failed to fetch dynamically imported module');
    return Hello;
  });
  render(<View name="Grace" />);
  expect((await screen.findByRole('alert')).textContent).toContain('Failed to fetch');
  fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
  expect(await screen.findByText('Hello Grace')).toBeTruthy();
});
