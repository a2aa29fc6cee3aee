import { describe, expect, it } from 'vitest';
import { ADA } from '../sandbox/fixtures';
import { rejection, requestsTo, useSandbox } from './support';

const MISSING_ID = '5f1a0ada00000000000ffff7';
const kustomer = useSandbox();

describe('list_companies', () => {
  it('lists companies, hiding deleted ones', async () => {
    const created = await kustomer.client().createCompany({ name: 'Soon Gone Ltd' });
    await kustomer.client().updateCompanyAttributes(created.id, { deleted: true });
    const page = await kustomer.client().listCompanies({ pageSize: 100 });
    expect(page.data.map((company) => company.id)).toContain(ADA.companyId);
    expect(page.data.map((company) => company.id)).not.toContain(created.id);
  });

  it('is refused naming the pod for a key of another region', async () => {
    const error = await rejection(kustomer.client(kustomer.sandbox.keys.otherPod).listCompanies(), 'unauthorized', 401);
    expect(error.reason).toBe('wrong_region');
  });
});

describe('get_company', () => {
  it('returns one company', async () => {
    const company = await kustomer.client().getCompany(ADA.companyId);
    expect(company.attributes.name).toBe(ADA.companyName);
  });

  it('fails with not_found for an unknown id', async () => {
    await rejection(kustomer.client().getCompany(MISSING_ID), 'not_found', 404);
  });
});

describe('create_company', () => {
  it('creates a company', async () => {
    const created = await kustomer
      .client()
      .createCompany({ name: 'Difference Engines plc', domains: [{ domain: 'difference.example' }] });
    expect(kustomer.sandbox.store.companies.get(created.id)).toMatchObject({
      name: 'Difference Engines plc',
      // Stored and answered as the spec's [{ domain }].
      domains: [{ domain: 'difference.example' }],
    });
  });

  it('fails with validation for a name under 3 characters', async () => {
    const error = await rejection(kustomer.client().createCompany({ name: 'AB' }), 'validation', 400);
    expect(error.field).toBe('name');
  });

  it('is refused with 403 for a read-only key', async () => {
    await rejection(
      kustomer.client(kustomer.sandbox.keys.readOnly).createCompany({ name: 'Nope Inc' }),
      'forbidden',
      403,
    );
  });
});

describe('update_company_attributes', () => {
  it('updates with PUT and merges custom attributes', async () => {
    const created = await kustomer.client().createCompany({ name: 'Merge Co', custom: { tierStr: 'gold' } });
    const from = kustomer.sandbox.requests.length;
    await kustomer.client().updateCompanyAttributes(created.id, { custom: { seatsNum: 12 } });
    expect(requestsTo(kustomer.sandbox, 'PUT', `/v1/companies/${created.id}`, from)).toHaveLength(1);
    expect(kustomer.sandbox.store.companies.get(created.id)?.custom).toEqual({ tierStr: 'gold', seatsNum: 12 });
  });

  it('fails with not_found for an unknown id', async () => {
    await rejection(kustomer.client().updateCompanyAttributes(MISSING_ID, { name: 'Ghost Co' }), 'not_found', 404);
  });
});
