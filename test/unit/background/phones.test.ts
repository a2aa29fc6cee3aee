import { describe, expect, it, vi } from 'vitest';
import { countryFromLocale, customerByPhone, defaultCountry, phonesOnFor } from '../../../lib/background/phones';
import type { CustomerResource } from '../../../lib/kustomer/types';

const customer = (id: string, phones: string[]) =>
  ({
    type: 'customer',
    id,
    attributes: { phones: phones.map((phone) => ({ phone, type: 'mobile' })) },
  }) as CustomerResource;

function port(direct: CustomerResource | null, searchResults: CustomerResource[]) {
  return {
    getCustomerByPhone: vi.fn(async () => direct),
    searchCustomers: vi.fn(async () => ({ data: searchResults, meta: {}, links: {} }) as never),
  };
}

describe('customerByPhone', () => {
  it('answers from GET /v1/customers/phone= without a search when Kustomer finds the number', async () => {
    const kustomer = port(customer('c1', ['+44 20 7946 0018']), []);
    await expect(customerByPhone(kustomer, '+442079460018', 'GB')).resolves.toMatchObject({ id: 'c1' });
    expect(kustomer.searchCustomers).not.toHaveBeenCalled();
  });

  it('falls back to typed search on the national number and keeps the customer whose stored number matches', async () => {
    const kustomer = port(null, [customer('other', ['+1 312 212 5550 142']), customer('grace', ['(212) 555-0142'])]);
    await expect(customerByPhone(kustomer, '+12125550142', 'US')).resolves.toMatchObject({ id: 'grace' });
    expect(kustomer.searchCustomers).toHaveBeenCalledWith(
      { queryContext: 'customer', and: [{ customer_phone: { contains: '2125550142' } }] },
      { pageSize: 25 },
      { page: false },
    );
  });

  it("matches a national form stored in the number's own country whatever the agent's country", async () => {
    const kustomer = port(null, [customer('katherine', ['06.12.34.56.78'])]);
    await expect(customerByPhone(kustomer, '+33612345678', 'GB')).resolves.toMatchObject({ id: 'katherine' });
  });

  it('answers null when no search result has the number', async () => {
    const kustomer = port(null, [customer('x', ['+44 20 7946 0019'])]);
    await expect(customerByPhone(kustomer, '+442079460018', 'GB')).resolves.toBeNull();
  });
});

describe('default country and switches', () => {
  it('starts from the browser locale and follows the options', () => {
    expect(countryFromLocale(['fr', 'de-CH', 'en-GB'])).toBe('CH');
    expect(countryFromLocale(['fr'])).toBeUndefined();
    expect(defaultCountry({}, ['en-GB'])).toBe('GB');
    expect(defaultCountry({ phoneCountry: 'FR' }, ['en-GB'])).toBe('FR');
  });

  it('turns phone detection off globally or for one site', () => {
    expect(phonesOnFor('https://shop.example/orders/1', {})).toBe(true);
    expect(phonesOnFor('https://shop.example/orders/1', { phoneDetection: false })).toBe(false);
    expect(phonesOnFor('https://shop.example/orders/1', { phoneOffSites: ['https://shop.example'] })).toBe(false);
    expect(phonesOnFor('https://mail.example/', { phoneOffSites: ['https://shop.example'] })).toBe(true);
  });
});
