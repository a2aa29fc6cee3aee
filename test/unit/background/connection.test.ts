import { describe, expect, it } from 'vitest';
import { describeError } from '../../../lib/background/describe-error';
// The one connection connection.ts holds is `org-0` of the list (lib/background/single-connection-bridge.ts).
import {
  singleConnectionItem as connectionItem,
  singleCredentialsItem as credentialsItem,
} from '../../../lib/background/single-connection-bridge';
import { isKustomerHost, resolveTarget } from '../../../lib/kustomer/connection-target';
import { ServiceError } from '../../../lib/service-error';
import type { Sandbox } from '../../sandbox';
import { MACHINE_USER } from '../../sandbox/fixtures';
import { sandboxConnection, sandboxForFile } from './helpers';

const sandbox = sandboxForFile();

const target = () => ({ kind: 'custom' as const, baseUrl: sandbox.url });

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return describeError(error);
  }
  throw new Error('expected a failure');
}

describe('connecting with an API key', () => {
  it('tests the key against tokens/current and users/current before saving it', async () => {
    const { service, onChange } = sandboxConnection(sandbox);
    const status = await service.connectWithApiKey({ target: target(), apiKey: sandbox.keys.full });
    expect(sandbox.requests.map((request) => request.path)).toEqual(['/v1/auth/tokens/current', '/v1/users/current']);
    expect(status).toMatchObject({
      state: 'connected',
      method: 'apiKey',
      baseUrl: sandbox.url,
      userName: MACHINE_USER.name,
    });
    expect(status).not.toHaveProperty('warning');
    expect(await credentialsItem.getValue()).toEqual({ method: 'apiKey', apiKey: sandbox.keys.full });
    expect(onChange).toHaveBeenCalledWith(status);
  });

  it('never puts the key in the status pages receive', async () => {
    const { service } = sandboxConnection(sandbox);
    const status = await service.connectWithApiKey({ target: target(), apiKey: sandbox.keys.full });
    expect(JSON.stringify(status)).not.toContain(sandbox.keys.full);
    expect(JSON.stringify(await service.status())).not.toContain(sandbox.keys.full);
    expect(JSON.stringify(await connectionItem.getValue())).not.toContain(sandbox.keys.full);
  });

  it.each([
    ['a wrong key', 'not-a-key', 'unauthorized', /rejected the API key/],
    ['an expired key', 'expired', 'unauthorized', /expired/],
    ['a key of another region', 'otherPod', 'unauthorized', /EU region \(prod2\)/],
  ])('refuses %s with its own message and saves nothing', async (_name, key, kind, message) => {
    const { service } = sandboxConnection(sandbox);
    const apiKey = key in sandbox.keys ? sandbox.keys[key as keyof Sandbox['keys']] : key;
    const error = await failure(service.connectWithApiKey({ target: target(), apiKey }));
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
    expect(await credentialsItem.getValue()).toBeNull();
    expect(await service.status()).toEqual({ state: 'disconnected' });
  });

  it('says when Kustomer cannot be reached', async () => {
    const { service } = sandboxConnection(sandbox);
    sandbox.setFaults({ down: true });
    const error = await failure(service.connectWithApiKey({ target: target(), apiKey: sandbox.keys.full }));
    expect(['network', 'server']).toContain(error.kind);
    expect(error.message).toMatch(/reach Kustomer|had a problem/);
  });

  it('connects a key that lacks roles but names what the agent cannot do', async () => {
    const { service } = sandboxConnection(sandbox);
    const status = await service.connectWithApiKey({ target: target(), apiKey: sandbox.keys.noNotes });
    expect(status).toMatchObject({
      state: 'connected',
      warning: { kind: 'forbidden', message: expect.stringMatching(/add notes \(org\.permission\.note\.create\)/) },
    });
  });

  it('accepts legacy org.user roles as granting the same rights', async () => {
    const { service } = sandboxConnection(sandbox);
    const status = await service.connectWithApiKey({ target: target(), apiKey: sandbox.keys.legacy });
    expect(status).toMatchObject({ state: 'connected' });
    expect(status).not.toHaveProperty('warning');
  });

  it('tells a key that reads customers but lacks the search role which role it lacks', async () => {
    const { service } = sandboxConnection(sandbox);
    const status = await service.connectWithApiKey({ target: target(), apiKey: sandbox.keys.readOnly });
    expect(status).toMatchObject({
      state: 'connected',
      warning: {
        message: expect.stringMatching(/search customers by name or phone \(org\.permission\.search\.create\)/),
      },
    });
  });

  it('does not read an organisation name from tokens/current (the real answer has none)', async () => {
    const { service } = sandboxConnection(sandbox);
    const status = await service.connectWithApiKey({ target: target(), apiKey: sandbox.keys.full });
    // A custom sandbox URL names no organisation: links go to the URL itself.
    expect(status).not.toHaveProperty('orgName');
    expect(status).toMatchObject({ state: 'connected', appUrl: sandbox.url });
  });

  it('warns a read-only key about every write it cannot make', async () => {
    const { service } = sandboxConnection(sandbox);
    const status = await service.connectWithApiKey({ target: target(), apiKey: sandbox.keys.readOnly });
    expect(status).toMatchObject({
      state: 'connected',
      warning: { message: expect.stringMatching(/^(?=[\s\S]*add notes)(?=[\s\S]*start conversations)/) },
    });
  });

  it('refuses a plain-http custom URL in the production build', async () => {
    const { service } = sandboxConnection(sandbox, { flavour: 'production' });
    const error = await failure(service.connectWithApiKey({ target: target(), apiKey: sandbox.keys.full }));
    expect(error).toMatchObject({ kind: 'validation', message: 'A custom Kustomer URL must use https.' });
    expect(sandbox.requests).toHaveLength(0);
  });

  it.each(['https://kustomerapp.com.evil.example', 'https://evil-kustomerapp.com', 'https://api.example.com'])(
    'refuses to send a key to %s, which is not a Kustomer host, in the production build',
    async (baseUrl) => {
      const { service } = sandboxConnection(sandbox, { flavour: 'production' });
      const error = await failure(
        service.connectWithApiKey({ target: { kind: 'custom', baseUrl }, apiKey: sandbox.keys.full }),
      );
      expect(error).toMatchObject({
        kind: 'validation',
        message: 'A custom Kustomer URL must be a kustomerapp.com address.',
      });
    },
  );
});

describe('where a target lives', () => {
  it('takes the organisation from what the agent entered: its name, app URL and OAuth authorize on the web app', () => {
    expect(resolveTarget({ kind: 'org', org: 'Acme' }, 'production')).toEqual({
      baseUrl: 'https://acme.api.kustomerapp.com',
      appUrl: 'https://acme.kustomerapp.com',
      orgName: 'acme',
      authorizeUrl: 'https://acme.kustomerapp.com/oauth/authorize',
      tokenUrl: 'https://acme.api.kustomerapp.com/oauth/token',
    });
  });

  it('authorizes on the web app host, not the API host, for a custom organisation API URL', () => {
    expect(resolveTarget({ kind: 'custom', baseUrl: 'https://acme.api.kustomerapp.com/v1' }, 'production')).toEqual({
      baseUrl: 'https://acme.api.kustomerapp.com',
      appUrl: 'https://acme.kustomerapp.com',
      orgName: 'acme',
      authorizeUrl: 'https://acme.kustomerapp.com/oauth/authorize',
      tokenUrl: 'https://acme.api.kustomerapp.com/oauth/token',
    });
  });

  it.each(['https://api.kustomerapp.com', 'https://api.prod2.kustomerapp.com'])(
    'cannot sign in with OAuth on the region host %s, which names no organisation',
    (baseUrl) => {
      const resolved = resolveTarget({ kind: 'custom', baseUrl }, 'production');
      expect(resolved.authorizeUrl).toBeNull();
      expect(resolved.orgName).toBeUndefined();
    },
  );
});

describe('Kustomer hosts', () => {
  it.each([
    ['api.kustomerapp.com', true],
    ['acme.api.kustomerapp.com', true],
    ['api.prod2.kustomerapp.com', true],
    ['kustomerapp.com', true],
    ['kustomerapp.com.evil.example', false],
    ['evilkustomerapp.com', false],
    ['127.0.0.1', false],
  ])('%s is a Kustomer host: %s', (host, expected) => {
    expect(isKustomerHost(host)).toBe(expected);
  });
});

describe('the saved connection', () => {
  it('answers not_connected before a key is saved', async () => {
    const { service } = sandboxConnection(sandbox);
    const error = await service.client().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).info.kind).toBe('not_connected');
  });

  it('reports a revoked key as an error when tested again', async () => {
    const { service } = sandboxConnection(sandbox);
    await service.connectWithApiKey({ target: target(), apiKey: sandbox.keys.full });
    await credentialsItem.setValue({ method: 'apiKey', apiKey: 'revoked' });
    const status = await service.testConnection();
    expect(status).toMatchObject({ state: 'error', error: { kind: 'unauthorized' } });
  });

  it('marks the connection as failing when Kustomer stops accepting the key in use, until it works again', async () => {
    const { service, onChange } = sandboxConnection(sandbox);
    await service.connectWithApiKey({ target: target(), apiKey: sandbox.keys.full });
    await credentialsItem.setValue({ method: 'apiKey', apiKey: 'revoked' });
    const client = await service.client();
    await expect(client.getCurrentUser()).rejects.toMatchObject({ kind: 'unauthorized' });
    const failing = await service.status();
    expect(failing).toMatchObject({
      state: 'error',
      error: { kind: 'unauthorized', message: expect.stringMatching(/no longer accepts/) },
    });
    expect(onChange).toHaveBeenLastCalledWith(failing);
    await credentialsItem.setValue({ method: 'apiKey', apiKey: sandbox.keys.full });
    expect(await service.testConnection()).toMatchObject({ state: 'connected' });
    expect((await service.status()).state).toBe('connected');
  });

  it('forgets the key on sign-out', async () => {
    const { service } = sandboxConnection(sandbox);
    await service.connectWithApiKey({ target: target(), apiKey: sandbox.keys.full });
    expect(await service.signOut()).toEqual({ state: 'disconnected' });
    expect(await credentialsItem.getValue()).toBeNull();
    expect(await connectionItem.getValue()).toBeNull();
  });
});
