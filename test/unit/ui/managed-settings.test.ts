import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MANAGED_KEYS, type ManagedArea, readManagedSettings } from '../../../lib/ui/managed-settings';
import config from '../../../wxt.config';

const area = (values: Record<string, unknown>): ManagedArea => ({ get: async () => values });

describe('managed settings (storage.managed)', () => {
  it('are declared by the manifest and described by public/managed_schema.json, key for key', async () => {
    const manifest = typeof config.manifest === 'function' ? await config.manifest({} as never) : config.manifest;
    const file = (manifest as { storage?: { managed_schema?: string } }).storage?.managed_schema;
    expect(file).toBe('managed_schema.json');
    const schema = JSON.parse(readFileSync(new URL(`../../../public/${file}`, import.meta.url), 'utf8'));
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties).sort()).toEqual([...MANAGED_KEYS].sort());
    expect(schema.properties.region.enum).toEqual(['us', 'eu', 'in']);
  });

  it('reads what an admin pushed', async () => {
    expect(await readManagedSettings(area({ orgName: ' Acme ', region: 'eu', clientId: 'abc123' }))).toEqual({
      orgName: 'acme',
      region: 'eu',
      clientId: 'abc123',
    });
  });

  it.each([
    ['an org name that is no host label', { orgName: 'acme.evil.example' }],
    ['an unknown region', { region: 'mars' }],
    ['a spaced client ID', { clientId: 'two words' }],
    ['values of the wrong type', { orgName: 7, clientId: ['x'] }],
  ])('leaves out %s, so the field stays free', async (_case, values) => {
    expect(await readManagedSettings(area(values))).toEqual({});
  });

  it('reads a browser without a policy (Firefox rejects without a managed manifest) as nothing pushed', async () => {
    const rejecting: ManagedArea = { get: () => Promise.reject(new Error('Managed storage manifest not found')) };
    expect(await readManagedSettings(rejecting)).toEqual({});
    expect(await readManagedSettings(undefined)).toEqual({});
  });
});
