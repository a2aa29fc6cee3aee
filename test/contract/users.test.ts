import { describe, expect, it } from 'vitest';
import { AGENT, MACHINE_USER } from '../sandbox/fixtures';
import { rejection, useSandbox } from './support';

const MISSING_ID = '5f1a0ada00000000000ffff4';
const kustomer = useSandbox();

describe('list_users', () => {
  it('lists users with page sizes above 100', async () => {
    const page = await kustomer.client().listUsers({ pageSize: 500 });
    expect(page.meta.pageSize).toBe(500);
    expect(page.data.map((user) => user.id)).toEqual(expect.arrayContaining([AGENT.id, MACHINE_USER.id]));
  });

  it('is refused with 401 for an unknown key', async () => {
    await rejection(kustomer.client('nope').listUsers(), 'unauthorized', 401);
  });
});

describe('get_user', () => {
  it('returns one user', async () => {
    const user = await kustomer.client().getUser(AGENT.id);
    expect(user.attributes).toMatchObject({ name: AGENT.name, email: AGENT.email });
  });

  it('fails with not_found for an unknown id', async () => {
    await rejection(kustomer.client().getUser(MISSING_ID), 'not_found', 404);
  });
});

describe('get_users_by_ids', () => {
  it('returns several users from comma-separated ids in the path', async () => {
    const from = kustomer.sandbox.requests.length;
    const users = await kustomer.client().getUsersByIds([AGENT.id, MACHINE_USER.id]);
    expect(users.map((user) => user.id)).toEqual([AGENT.id, MACHINE_USER.id]);
    expect(kustomer.sandbox.requests[from]?.path).toBe(`/v1/users/${AGENT.id},${MACHINE_USER.id}`);
  });

  it('fails with not_found when one id is unknown', async () => {
    await rejection(kustomer.client().getUsersByIds([AGENT.id, MISSING_ID]), 'not_found', 404);
  });
});

describe('create_user', () => {
  it('creates a user', async () => {
    const created = await kustomer.client().createUser({ name: 'Dana Scully', email: 'dana@sandbox-support.example' });
    expect(kustomer.sandbox.store.users.get(created.id)).toMatchObject({ name: 'Dana Scully', deleted: false });
  });

  it('fails with validation pointing at email when it is missing', async () => {
    const error = await rejection(
      kustomer.client().createUser({ name: 'No Mail' } as { name: string; email: string }),
      'validation',
      400,
    );
    expect(error.field).toBe('email');
  });

  it('fails with conflict for an email another user has', async () => {
    await rejection(kustomer.client().createUser({ name: 'Twin', email: AGENT.email }), 'conflict', 409);
  });
});

describe('update_user', () => {
  it('marks a user deleted with PUT (users have no DELETE)', async () => {
    const created = await kustomer.client().createUser({ name: 'Temp', email: 'temp@sandbox-support.example' });
    const updated = await kustomer.client().updateUser(created.id, { deleted: true });
    expect(updated.attributes.deleted).toBe(true);
    expect(kustomer.sandbox.store.users.get(created.id)?.deleted).toBe(true);
  });

  it('is refused with 403 for a read-only key', async () => {
    await rejection(
      kustomer.client(kustomer.sandbox.keys.readOnly).updateUser(AGENT.id, { name: 'X' }),
      'forbidden',
      403,
    );
  });
});

describe('get_current_token', () => {
  it('describes the token in use, whatever its roles', async () => {
    const token = await kustomer.client(kustomer.sandbox.keys.readOnly).getCurrentToken();
    expect(token.attributes.roles).toContain('org.permission.customer.read');
    expect(token.attributes.roles).not.toContain('org.permission.customer.create');
  });

  it('is refused with 401 for an expired key', async () => {
    const error = await rejection(
      kustomer.client(kustomer.sandbox.keys.expired).getCurrentToken(),
      'unauthorized',
      401,
    );
    expect(error.reason).toBe('expired');
  });
});

describe('get_current_user', () => {
  it('answers the machine user behind an API key', async () => {
    const user = await kustomer.client().getCurrentUser();
    expect(user.id).toBe(MACHINE_USER.id);
  });

  it('is refused naming the pod for a key of another region', async () => {
    const error = await rejection(
      kustomer.client(kustomer.sandbox.keys.otherPod).getCurrentUser(),
      'unauthorized',
      401,
    );
    expect(error.pod).toBe('prod2');
  });
});
