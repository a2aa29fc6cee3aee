import { invalidAttribute, jsonApiError, notFound } from '../errors';
import { klassResource, kobjectResource } from '../resources';
import type { Route, RouteContext } from '../router';
import { newId } from '../state';
import type { Klass, KObject, SandboxStore } from '../types';
import {
  asBody,
  type Body,
  readCustom,
  readExternalId,
  readNullableString,
  readObject,
  readString,
  readStringArray,
} from '../validate';
import { applyUpdate, assertUniqueExternalId, referencedRecord, single, stamp } from './helpers';
import {
  createdReply,
  createRoute,
  deletedReply,
  listReply,
  listRoute,
  type RecordKind,
  recordKind,
} from './record-routes';

/**
 * `/v1/klasses/{x}` is both "klass by id" and "KObjects of klass by name" in Kustomer's paths: a segment that is
 * the id of a klass means the klass, otherwise it is a klass name.
 */
function klassById(store: SandboxStore, segment: string): Klass | undefined {
  return store.klasses.get(segment);
}

function klassByName(store: SandboxStore, name: string): Klass {
  const klass = [...store.klasses.values()].find((item) => item.name === name);
  if (!klass) throw notFound('klass', name);
  return klass;
}

/** The klass the path's `:klass` names, by id or by name. */
function klassAt({ params, state }: Pick<RouteContext, 'params' | 'state'>): Klass {
  const segment = params.klass ?? '';
  return klassById(state.store, segment) ?? klassByName(state.store, segment);
}

const roleFor =
  (verb: 'read' | 'update' | 'delete') =>
  ({ params, state }: Pick<RouteContext, 'params' | 'state'>) =>
    klassById(state.store, params.klass ?? '') ? { object: 'klass', verb } : { object: 'kobject', verb };

const klassKind = recordKind('klass', (store) => store.klasses, klassResource);

/** KObjects are rendered with their klass's name, so their kind depends on the store. */
const kobjectKind = (store: SandboxStore): RecordKind<KObject> => ({
  object: 'kobject',
  type: 'kobject',
  records: (current) => current.kobjects,
  toResource: (kobject) => kobjectResource(store, kobject),
});

const KLASS_NAME = /^[a-z][a-z0-9_-]{0,63}$/;

function kobjectFields(ctx: RouteContext, body: Body, klass: Klass): Partial<KObject> {
  const { store } = ctx.state;
  const customer = readNullableString(body, 'customer', 24);
  if (customer) referencedRecord(store.customers, 'customer', 'customer', customer);
  const company = readNullableString(body, 'company', 24);
  if (company) referencedRecord(store.companies, 'company', 'company', company);
  const externalId = readExternalId(body);
  const sameKlass = [...store.kobjects.values()].filter((item) => item.klass === klass.id);
  assertUniqueExternalId(
    sameKlass,
    externalId,
    `kobject.${klass.name}`,
    typeof ctx.params.id === 'string' ? ctx.params.id : undefined,
  );
  return {
    title: readString(body, 'title', { min: 1, max: 256 }),
    description: readNullableString(body, 'description', 10_240),
    externalId,
    customer,
    company,
    data: readObject(body, 'data'),
    custom: readCustom(body),
    tags: readStringArray(body, 'tags'),
    icon: readNullableString(body, 'icon', 64),
  };
}

const kobjectsWhere = (ctx: RouteContext, klass: Klass, test: (kobject: KObject) => boolean) =>
  listReply(
    ctx,
    [...ctx.state.store.kobjects.values()].filter((item) => item.klass === klass.id && test(item)),
    (item) => kobjectResource(ctx.state.store, item),
  );

/** `GET /v1/{customers|companies}/:id/klasses/:klass`: the KObjects of one klass linked to that customer or company. */
function linkedKObjectsRoute(owner: 'customer' | 'company', collection: 'customers' | 'companies'): Route {
  return {
    method: 'GET',
    pattern: `/v1/${collection}/:id/klasses/:klass`,
    role: { object: 'kobject', verb: 'read' },
    handler: (ctx) => {
      const id = ctx.params.id ?? '';
      if (!ctx.state.store[collection].has(id)) throw notFound(owner, id);
      return kobjectsWhere(ctx, klassByName(ctx.state.store, ctx.params.klass ?? ''), (item) => item[owner] === id);
    },
  };
}

function findKObject(ctx: RouteContext): { klass: Klass; kobject: KObject } {
  const klass = klassByName(ctx.state.store, ctx.params.klass ?? '');
  const kobject = ctx.state.store.kobjects.get(ctx.params.id ?? '');
  if (!kobject || kobject.klass !== klass.id) throw notFound(`kobject.${klass.name}`, ctx.params.id ?? '');
  return { klass, kobject };
}

export const klassRoutes: Route[] = [
  listRoute('/v1/klasses', klassKind, (ctx) => [...ctx.state.store.klasses.values()]),
  createRoute(
    '/v1/klasses',
    klassKind,
    (ctx, body): Klass => {
      const name = readString(body, 'name', { required: true, max: 64 });
      if (!KLASS_NAME.test(name))
        throw invalidAttribute('name', 'invalid_value', 'name must be a lowercase slug (a-z, 0-9, _ and -)');
      if ([...ctx.state.store.klasses.values()].some((klass) => klass.name === name)) {
        throw jsonApiError(409, 'duplicate_name', `A klass named ${name} already exists`, {
          pointer: '/data/attributes/name',
        });
      }
      return {
        id: newId(ctx.state, ctx.now),
        name,
        displayName: readString(body, 'displayName', { max: 256 }) ?? name,
        description: readNullableString(body, 'description', 10_240) ?? null,
        icon: readNullableString(body, 'icon', 64) ?? null,
        color: readNullableString(body, 'color', 32) ?? null,
        ...(isRecord(body.jsonSchema) ? { jsonSchema: body.jsonSchema } : {}),
        ...stamp(ctx),
      };
    },
    // The spec answers a klass creation with 200, not 201 (CreateKlass).
    200,
  ),
  {
    method: 'GET',
    pattern: '/v1/klasses/:klass',
    role: roleFor('read'),
    handler: (ctx) => {
      const klass = klassById(ctx.state.store, ctx.params.klass ?? '');
      if (klass) return single(klassResource(klass));
      return kobjectsWhere(ctx, klassByName(ctx.state.store, ctx.params.klass ?? ''), (item) => {
        const customer = ctx.query.get('customer');
        const externalId = ctx.query.get('externalId');
        return (
          (customer === null || item.customer === customer) && (externalId === null || item.externalId === externalId)
        );
      });
    },
  },
  {
    method: 'PUT',
    pattern: '/v1/klasses/:klass',
    role: { object: 'klass', verb: 'update' },
    handler: (ctx) => {
      const klass = klassAt(ctx);
      const body = asBody(ctx.body);
      if (body.name !== undefined && body.name !== klass.name)
        throw invalidAttribute('name', 'immutable', 'name cannot be changed');
      const changes: Partial<Klass> = {
        displayName: readString(body, 'displayName', { min: 1, max: 256 }),
        description: readNullableString(body, 'description', 10_240),
        icon: readNullableString(body, 'icon', 64),
        color: readNullableString(body, 'color', 32),
      };
      return single(klassResource(applyUpdate(ctx, 'klass', klass, changes)));
    },
  },
  {
    method: 'DELETE',
    pattern: '/v1/klasses/:klass',
    role: { object: 'klass', verb: 'delete' },
    handler: (ctx) => {
      const klass = klassAt(ctx);
      const count = [...ctx.state.store.kobjects.values()].filter((item) => item.klass === klass.id).length;
      if (count > 0) {
        throw jsonApiError(409, 'klass_in_use', `Klass ${klass.name} still has ${count} KObjects; delete them first`);
      }
      return deletedReply(ctx, klassKind, klass);
    },
  },
  {
    method: 'POST',
    pattern: '/v1/klasses/:klass',
    role: { object: 'kobject', verb: 'create' },
    handler: (ctx) => {
      const klass = klassByName(ctx.state.store, ctx.params.klass ?? '');
      const body = asBody(ctx.body);
      readString(body, 'title', { required: true });
      const fields = kobjectFields(ctx, body, klass);
      const kobject: KObject = {
        id: newId(ctx.state, ctx.now),
        klass: klass.id,
        title: fields.title ?? '',
        description: fields.description ?? null,
        externalId: fields.externalId ?? null,
        customer: fields.customer ?? null,
        company: fields.company ?? null,
        data: fields.data ?? {},
        custom: fields.custom ?? {},
        tags: fields.tags ?? [],
        icon: fields.icon ?? null,
        ...stamp(ctx),
      };
      return createdReply(ctx, kobjectKind(ctx.state.store), kobject);
    },
  },
  {
    // GET /v1/klasses/{name}/externalId={externalId} ("Get KObject by external ID"): 404 when none has it.
    method: 'GET',
    pattern: '/v1/klasses/:klass/externalId=:externalId',
    role: { object: 'kobject', verb: 'read' },
    handler: (ctx) => {
      const klass = klassByName(ctx.state.store, ctx.params.klass ?? '');
      const externalId = ctx.params.externalId ?? '';
      const found = [...ctx.state.store.kobjects.values()].find(
        (item) => item.klass === klass.id && item.externalId === externalId,
      );
      if (!found) throw notFound(`kobject.${klass.name}`, externalId);
      return single(kobjectResource(ctx.state.store, found));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/klasses/:klass/:id',
    role: { object: 'kobject', verb: 'read' },
    handler: (ctx) => single(kobjectResource(ctx.state.store, findKObject(ctx).kobject)),
  },
  {
    method: 'PUT',
    pattern: '/v1/klasses/:klass/:id',
    role: { object: 'kobject', verb: 'update' },
    handler: (ctx) => {
      const { klass, kobject } = findKObject(ctx);
      const fields = kobjectFields(ctx, asBody(ctx.body), klass);
      if (fields.custom) fields.custom = { ...kobject.custom, ...fields.custom };
      return single(kobjectResource(ctx.state.store, applyUpdate(ctx, 'kobject', kobject, fields)));
    },
  },
  {
    method: 'DELETE',
    pattern: '/v1/klasses/:klass/:id',
    role: { object: 'kobject', verb: 'delete' },
    handler: (ctx) => deletedReply(ctx, kobjectKind(ctx.state.store), findKObject(ctx).kobject),
  },
  linkedKObjectsRoute('customer', 'customers'),
  linkedKObjectsRoute('company', 'companies'),
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
