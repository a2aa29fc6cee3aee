import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';

describe('background entrypoint', () => {
  beforeEach(() => fakeBrowser.reset());

  it('makes the toolbar button open the side panel', async () => {
    const setPanelBehavior = vi.fn().mockResolvedValue(undefined);
    // fakeBrowser does not implement sidePanel.
    (fakeBrowser as unknown as { sidePanel: unknown }).sidePanel = { setPanelBehavior };
    background.main();
    expect(setPanelBehavior).toHaveBeenCalledWith({ openPanelOnActionClick: true });
  });
});
