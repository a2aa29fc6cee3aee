import { describe, expect, it } from 'vitest';
import { REQUESTS } from '../../../lib/messaging/protocol';
import { CONTENT_SCRIPT_REQUESTS, REQUEST_TYPES } from '../../support/request-types';

describe('the hardening attacks cover the whole protocol', () => {
  it('lists every request type of the protocol map, and no other', () => {
    expect([...REQUEST_TYPES].sort()).toEqual(Object.keys(REQUESTS).sort());
  });

  it('knows exactly which requests a content script may send', () => {
    const fromContent = Object.entries(REQUESTS)
      .filter(([, spec]) => (spec.from as readonly string[]).includes('content-script'))
      .map(([type]) => type);
    expect([...CONTENT_SCRIPT_REQUESTS].sort()).toEqual(fromContent.sort());
  });

  it('lets no request be sent by both a content script and an extension page', () => {
    for (const [type, spec] of Object.entries(REQUESTS)) {
      const kinds = spec.from as readonly string[];
      if (kinds.includes('content-script')) expect(kinds, type).toEqual(['content-script']);
    }
  });
});
