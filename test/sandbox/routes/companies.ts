import { invalidAttribute } from '../errors';
import { companyResource } from '../resources';
import type { Route } from '../router';
import { newId } from '../state';
import type { Company } from '../types';
import {
  type Body,
  readBoolean,
  readCustom,
  readEmails,
  readExternalId,
  readPhones,
  readString,
  readStringArray,
} from '../validate';
import { stamp } from './helpers';
import { createRoute, getOneRoute, listRoute, recordKind, updateRoutes, whereQuery } from './record-routes';

const companyKind = recordKind('company', (store) => store.companies, companyResource);

/** `domains` as `[{ domain }]` (the spec's shape). */
function readDomains(body: Body): Company['domains'] | undefined {
  const value = body.domains;
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalidAttribute('domains', 'invalid_type', 'domains must be an array');
  return value.map((item, index) => {
    const domain = (item as { domain?: unknown } | null)?.domain;
    if (typeof domain !== 'string' || domain === '') {
      throw invalidAttribute(`domains/${index}/domain`, 'required', `domains[${index}].domain is required`);
    }
    return { domain };
  });
}

/** Companies have no DELETE (405): `PUT { deleted: true }` hides them from the list instead. */
export const companyRoutes: Route[] = [
  listRoute('/v1/companies', companyKind, (ctx) => {
    let companies = [...ctx.state.store.companies.values()];
    if (ctx.query.get('deleted') !== 'true') companies = companies.filter((company) => !company.deleted);
    return whereQuery(companies, ctx.query, ['externalId']);
  }),
  getOneRoute('/v1/companies/:id', companyKind),
  createRoute(
    '/v1/companies',
    companyKind,
    (ctx, body): Company => ({
      id: newId(ctx.state, ctx.now),
      name: readString(body, 'name', { required: true, min: 3, max: 255 }),
      externalId: readExternalId(body) ?? null,
      domains: readDomains(body) ?? [],
      emails: readEmails(body) ?? [],
      phones: readPhones(body) ?? [],
      tags: readStringArray(body, 'tags') ?? [],
      custom: readCustom(body) ?? {},
      deleted: false,
      ...stamp(ctx),
    }),
  ),
  ...updateRoutes(
    '/v1/companies/:id',
    companyKind,
    (_ctx, company, body) => {
      const custom = readCustom(body);
      return {
        name: readString(body, 'name', { min: 3, max: 255 }),
        externalId: readExternalId(body),
        domains: readDomains(body),
        emails: readEmails(body),
        phones: readPhones(body),
        tags: readStringArray(body, 'tags'),
        custom: custom ? { ...company.custom, ...custom } : undefined,
        deleted: readBoolean(body, 'deleted'),
      };
    },
    ['PUT'],
  ),
];
