import { describe, expect, it } from 'vitest';
import { rejection, useSandbox } from './support';

const MISSING_ID = '5f1a0ada00000000000ffff8';
const kustomer = useSandbox();

describe('list_sub_statuses', () => {
  it('lists the sub-statuses of one resource type', async () => {
    const page = await kustomer.client().listSubStatuses({ resource: 'kobject' });
    expect(page.data.length).toBeGreaterThan(0);
    expect(page.data.every((subStatus) => subStatus.attributes.resourceType === 'kobject')).toBe(true);
  });

  it('fails with validation naming the parameter when resource is missing', async () => {
    const error = await rejection(kustomer.client().listSubStatuses({} as { resource: 'kobject' }), 'validation', 400);
    expect(error.field).toBe('resource');
  });
});

describe('get_sub_status', () => {
  it('returns one sub-status', async () => {
    const [first] = (await kustomer.client().listSubStatuses({ resource: 'conversation' })).data;
    const subStatus = await kustomer.client().getSubStatus(first?.id ?? '');
    expect(subStatus.attributes.label).toBe(first?.attributes.label);
  });

  it('fails with not_found for an unknown id', async () => {
    await rejection(kustomer.client().getSubStatus(MISSING_ID), 'not_found', 404);
  });
});

describe('create_sub_status', () => {
  it('creates a sub-status', async () => {
    const created = await kustomer.client().createSubStatus({
      label: 'Waiting on warehouse',
      description: 'Stock check pending',
      parentStatus: 'snoozed',
      resourceType: 'conversation',
    });
    expect(kustomer.sandbox.store.subStatuses.get(created.id)).toMatchObject({
      label: 'Waiting on warehouse',
      parentStatus: 'snoozed',
    });
  });

  it('fails with validation when description is missing', async () => {
    const error = await rejection(
      kustomer.client().createSubStatus({ label: 'No description' } as unknown as { description: string }),
      'validation',
      400,
    );
    expect(error.field).toBe('description');
  });
});

describe('update_sub_status', () => {
  it('updates the label', async () => {
    const created = await kustomer.client().createSubStatus({ description: 'Temp', resourceType: 'conversation' });
    await kustomer.client().updateSubStatus(created.id, { label: 'Renamed' });
    expect(kustomer.sandbox.store.subStatuses.get(created.id)?.label).toBe('Renamed');
  });

  it('fails with validation when the resource type would change', async () => {
    const created = await kustomer
      .client()
      .createSubStatus({ description: 'Fixed type', resourceType: 'conversation' });
    const error = await rejection(
      kustomer.client().updateSubStatus(created.id, { resourceType: 'kobject' }),
      'validation',
      400,
    );
    expect(error.field).toBe('resourceType');
  });
});

describe('delete_sub_status', () => {
  it('deletes a sub-status', async () => {
    const created = await kustomer.client().createSubStatus({ description: 'Short-lived' });
    await kustomer.client().deleteSubStatus(created.id);
    expect(kustomer.sandbox.store.subStatuses.has(created.id)).toBe(false);
  });

  it('is refused with 403 for a read-only key', async () => {
    const created = await kustomer.client().createSubStatus({ description: 'Protected' });
    await rejection(kustomer.client(kustomer.sandbox.keys.readOnly).deleteSubStatus(created.id), 'forbidden', 403);
  });
});
