import { beforeEach, describe, expect, it, vi } from 'vitest';
import { connections, syncConnection } from '../../../lib/ui/connection-store';
import { loadSubStatuses, loadUsers, resetReferenceData } from '../../../lib/ui/reference-data';
import { emitPush, request } from '../components/client-mock';
import { connectedStatus } from '../components/fixtures';

vi.mock('../../../lib/messaging/client', () => import('../components/client-mock'));

const acme = connectedStatus({ baseUrl: 'https://acme.api.kustomerapp.com', userEmail: 'a@x.io' });
const globex = connectedStatus({ baseUrl: 'https://globex.api.kustomerapp.com', userEmail: 'a@x.io' });

describe('reference data (users, sub-statuses)', () => {
  beforeEach(() => {
    resetReferenceData();
    request.mockReset();
    request.mockImplementation(async (type: string) => {
      if (type === 'getConnections') return [acme];
      return [{ id: `${type}-1` }];
    });
  });

  it('asks once per organisation', async () => {
    const stop = syncConnection();
    await vi.waitFor(() => expect(connections.value).toEqual([acme]));
    await loadUsers();
    await loadUsers();
    emitPush({ event: 'connectionChanged', connections: [{ ...acme, userName: 'Ada' }] });
    await loadUsers();
    expect(request.mock.calls.filter(([type]) => type === 'listUsers')).toHaveLength(1);
    stop();
  });

  it('forgets the lists when the agent signs in to another organisation', async () => {
    const stop = syncConnection();
    await loadUsers();
    await loadSubStatuses();
    emitPush({ event: 'connectionChanged', connections: [globex] });
    await loadUsers();
    await loadSubStatuses();
    expect(request.mock.calls.filter(([type]) => type === 'listUsers')).toHaveLength(2);
    expect(request.mock.calls.filter(([type]) => type === 'listSubStatuses')).toHaveLength(2);
    stop();
  });

  it('forgets the lists on sign-out', async () => {
    const stop = syncConnection();
    await loadUsers();
    emitPush({ event: 'connectionChanged', connections: [] });
    emitPush({ event: 'connectionChanged', connections: [acme] });
    await loadUsers();
    expect(request.mock.calls.filter(([type]) => type === 'listUsers')).toHaveLength(2);
    stop();
  });
});
