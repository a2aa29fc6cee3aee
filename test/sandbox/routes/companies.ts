import { companyResource } from '../resources';
import type { Route, RouteContext } from '../router';
import { newId } from '../state';
import type { Company } from '../types';
import {
  asBody,
  readBoolean,
  readCustom,
  readEmails,
  readExternalId,
  readPhones,
  readString,
  readStringArray,
} from '../validate';
import { applyUpdate, single, stamp } from './helpers';
import { createdReply, getOneRoute, listReply, recordAt, recordKind, whereQuery } from './record-routes';

const read = { object: 'company', verb: 'read' } as const;
const companyKind = recordKind('company', (store) => store.companies, companyResource);

/** Companies have no DELETE (405): `PUT { deleted: true }` hides them from the list instead. */
export const companyRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/v1/companies',
    role: read,
    handler: (ctx) => {
      let companies = [...ctx.state.store.companies.values()];
      if (ctx.query.get('deleted') !== 'true') companies = companies.filter((company) => !company.deleted);
      return listReply(ctx, whereQuery(companies, ctx.query, ['externalId']), companyResource);
    },
  },
  getOneRoute('/v1/companies/:id', companyKind),
  {
    method: 'POST',
    pattern: '/v1/companies',
    role: { object: 'company', verb: 'create' },
    handler: (ctx) => {
      const body = asBody(ctx.body);
      const company: Company = {
        id: newId(ctx.state, ctx.now),
        name: readString(body, 'name', { required: true, min: 3, max: 255 }),
        externalId: readExternalId(body) ?? null,
        domains: readStringArray(body, 'domains') ?? [],
        emails: readEmails(body) ?? [],
        phones: readPhones(body) ?? [],
        tags: readStringArray(body, 'tags') ?? [],
        custom: readCustom(body) ?? {},
        deleted: false,
        ...stamp(ctx),
      };
      return createdReply(ctx, companyKind, company);
    },
  },
  {
    method: 'PUT',
    pattern: '/v1/companies/:id',
    role: { object: 'company', verb: 'update' },
    handler: (ctx: RouteContext) => {
      const company = recordAt(ctx, companyKind);
      const body = asBody(ctx.body);
      const custom = readCustom(body);
      const changes: Partial<Company> = {
        name: readString(body, 'name', { min: 3, max: 255 }),
        externalId: readExternalId(body),
        domains: readStringArray(body, 'domains'),
        emails: readEmails(body),
        phones: readPhones(body),
        tags: readStringArray(body, 'tags'),
        custom: custom ? { ...company.custom, ...custom } : undefined,
        deleted: readBoolean(body, 'deleted'),
      };
      return single(companyResource(applyUpdate(ctx, 'company', company, changes)));
    },
  },
];
