import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import {
  ANSWER_EXCEPTIONS,
  ANSWER_READING,
  ERROR_ANSWER_SCHEMA,
  type RequestFacts,
  SPEC_EXCEPTIONS,
} from './exceptions';
import { findOperation, type JsonSchema, type SpecOperation, specOperations } from './spec';

/**
 * Checks requests and answers against Kustomer's OpenAPI spec (spec.ts) with ajv.
 * Request bodies are read closed: an object schema that lists `properties` takes no others (except org-specific
 * `custom` objects), then the documented exceptions (exceptions.ts) are applied. Answers are checked against the
 * response schema of their status as the spec writes it (open: the spec lists only some attributes of a resource).
 */

export interface CheckedRequest {
  method: string;
  /** Concrete path with `/v1`, e.g. `/v1/customers/email=a%40b.c`. */
  path: string;
  query: URLSearchParams;
  /** The Content-Type header as sent, if any. */
  contentType?: string;
  /** Parsed JSON body; undefined when none was sent. */
  body: unknown;
}

export type Verdict =
  /** The spec has no such operation (users, sub-statuses, auth tokens, bulk job status, ...). */
  | { kind: 'not-covered'; reason: string }
  /** An answer whose status the spec documents no schema for (errors): not checked. */
  | { kind: 'not-checked'; operationId: string; reason: string }
  | { kind: 'checked'; operationId: string; problems: string[]; issues: Issue[]; exceptions: string[] };

/** One problem, structured: where in the body (JSON pointer, '' = the whole body or the request) and which rule. */
export interface Issue {
  pointer: string;
  /** ajv's keyword ('required', 'additionalProperties', 'type', ...) or 'contentType' / 'body'. */
  keyword: string;
  message: string;
}

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
addFormats(ajv);
// Kustomer's own formats in the spec; read loosely where Kustomer publishes no definition.
ajv.addFormat('object-id', /^[0-9a-f]{24}$/i);
ajv.addFormat('email-relaxed', /^[^\s@]+@[^\s@]+$/);
ajv.addFormat('domain-name', /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i);
ajv.addFormat('url', /^https?:\/\/\S+$/i);
ajv.addFormat('phone-number', /^\+?[0-9().\s-]{3,}$/);
ajv.addFormat('whatsapp-number', /^\+?[0-9().\s-]{3,}$/);
ajv.addFormat('date-time-math', true);
ajv.addFormat('send-at', true);

const mediaType = (contentType: string | undefined) => contentType?.split(';')[0]?.trim().toLowerCase() ?? '';

/**
 * A deep copy of `schema` where every object schema that lists `properties` and leaves additional properties open
 * gets `additionalProperties: false`. Left open: `custom` objects (org-specific attributes, opened even where the spec
 * closes them) and the members of an `allOf` (closing each member would refuse the others' properties).
 */
export function closeSchema(schema: unknown, key = '', inAllOf = false): unknown {
  if (Array.isArray(schema)) return schema.map((item) => closeSchema(item, key, inAllOf));
  if (schema === null || typeof schema !== 'object') return schema;
  const source = schema as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(source)) {
    if (name === 'properties' && value && typeof value === 'object') {
      copy.properties = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([property, sub]) => [
          property,
          closeSchema(sub, property),
        ]),
      );
    } else if (name === 'allOf' && Array.isArray(value)) {
      copy.allOf = value.map((member) => closeSchema(member, '', true));
    } else if (name === 'example' || name === 'examples' || name === 'description') {
      // Documentation only; dropped so that compiled schemas stay small.
    } else {
      copy[name] = closeSchema(value, '', false);
    }
  }
  if (key === 'custom') {
    // Org-specific custom attributes: any name the org defined (the issue's one exception to reading closed). The spec
    // writes `custom` as `{ type: object, additionalProperties: false }` with no properties, which no org could send.
    delete copy.additionalProperties;
    return copy;
  }
  const open = source.additionalProperties === undefined || source.additionalProperties === true;
  if (source.properties && open && !inAllOf) copy.additionalProperties = false;
  return copy;
}

type Node = Record<string, unknown> & { properties?: Record<string, unknown>; required?: string[] };

/** Drops every `required` below `node` (attribute values: checked for type only). */
function optionalBelow(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(optionalBelow);
  if (node === null || typeof node !== 'object') return node;
  const copy = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, optionalBelow(value)])) as Node;
  delete copy.required;
  return copy;
}

/** A response schema as ANSWER_READING (exceptions.ts) says to read it. */
export function answerSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(answerSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy = { ...(schema as Node) };
  if (copy.properties) {
    const properties: Record<string, unknown> = {};
    for (const [name, sub] of Object.entries(copy.properties)) {
      if (name === 'attributes' && sub && typeof sub === 'object') {
        const attributes = optionalBelow(sub) as Node;
        const required = ((sub as Node).required ?? []).filter((attribute) =>
          (ANSWER_READING.alwaysRequiredAttributes as readonly string[]).includes(attribute),
        );
        if (required.length > 0) attributes.required = required;
        properties[name] = attributes;
      } else if (name === 'links' && sub && typeof sub === 'object') {
        const links = answerSchema(sub) as Node;
        for (const end of ANSWER_READING.nullableListLinks) {
          const link = links.properties?.[end];
          if (link && typeof link === 'object')
            links.properties = { ...links.properties, [end]: { ...link, nullable: true } };
        }
        properties[name] = links;
      } else {
        properties[name] = answerSchema(sub);
      }
    }
    copy.properties = properties;
  }
  for (const key of ['items', 'oneOf', 'anyOf', 'allOf'] as const) if (copy[key]) copy[key] = answerSchema(copy[key]);
  if (
    copy.required?.includes('link') &&
    copy.properties &&
    !('links' in copy.properties) &&
    'link' in copy.properties
  ) {
    copy.required = copy.required.map((name) => (name === 'link' ? 'links' : name));
    const { link, ...rest } = copy.properties;
    copy.properties = { ...rest, links: link };
  }
  return copy;
}

/**
 * A failed `oneOf` reports every member's errors; only the member that came closest (fewest errors) says what is
 * wrong, so the others' errors and the `oneOf` error itself are dropped. A `oneOf` that failed because several
 * members matched keeps its own error.
 */
function closestOneOfMember(errors: ErrorObject[]): ErrorObject[] {
  let kept = errors;
  for (const oneOf of errors.filter((error) => error.keyword === 'oneOf')) {
    const prefix = `${oneOf.schemaPath}/`;
    const byMember = new Map<string, ErrorObject[]>();
    for (const error of kept) {
      if (!error.schemaPath.startsWith(prefix)) continue;
      const member = error.schemaPath.slice(prefix.length).split('/')[0] ?? '';
      byMember.set(member, [...(byMember.get(member) ?? []), error]);
    }
    if (byMember.size === 0) continue;
    const closest = [...byMember.values()].sort((a, b) => a.length - b.length)[0] ?? [];
    kept = kept.filter((error) => error !== oneOf && (!error.schemaPath.startsWith(prefix) || closest.includes(error)));
  }
  return kept;
}

function toIssues(all: ErrorObject[] | null | undefined): Issue[] {
  const errors = closestOneOfMember(all ?? []);
  return errors.map((error) => {
    const params = error.params as { additionalProperty?: string; allowedValues?: unknown[]; missingProperty?: string };
    const extra =
      error.keyword === 'additionalProperties'
        ? ` '${params.additionalProperty}'`
        : error.keyword === 'enum'
          ? ` (${(params.allowedValues ?? []).join(', ')})`
          : '';
    const pointer =
      error.keyword === 'required'
        ? `${error.instancePath}/${params.missingProperty}`
        : error.keyword === 'additionalProperties'
          ? `${error.instancePath}/${params.additionalProperty}`
          : error.instancePath;
    return { pointer, keyword: error.keyword, message: `${error.message ?? error.keyword}${extra}` };
  });
}

/** The same errors as one line each: 'body/userMentions/0 must NOT have additional properties 'userId''. */
function describe(where: string, all: ErrorObject[] | null | undefined): string[] {
  const errors = closestOneOfMember(all ?? []);
  return toIssues(errors).map((issue, index) => {
    const error = errors[index];
    return `${where}${error?.instancePath || '/'} ${issue.message}`;
  });
}

const checked = (operationId: string, problems: string[], issues: Issue[], exceptions: string[]): Verdict => ({
  kind: 'checked',
  operationId,
  problems,
  issues,
  exceptions,
});

const compiled = new Map<string, ValidateFunction>();
function compile(key: string, schema: () => JsonSchema): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema());
    compiled.set(key, validate);
  }
  return validate;
}

let byId: Map<string, SpecOperation> | undefined;
function operationById(id: string): SpecOperation {
  byId ??= new Map(specOperations().map((operation) => [operation.id, operation]));
  const operation = byId.get(id);
  if (!operation) throw new Error(`No operation ${id} in the spec`);
  return operation;
}

/** The closed request schema of an operation (its first media type), before exceptions. */
function closedRequestSchema(operationId: string): JsonSchema {
  const content = operationById(operationId).requestBody?.content ?? {};
  const schema = Object.values(content)[0];
  if (!schema) throw new Error(`${operationId} has no request schema`);
  return closeSchema(schema) as JsonSchema;
}

function notCovered(method: string, path: string): Verdict | SpecOperation {
  const match = findOperation(method, path);
  if (match.kind === 'operation') return match.operation;
  if (match.kind === 'method-not-in-spec') {
    return { kind: 'not-covered', reason: `${method} is not in the spec for ${match.template}` };
  }
  return { kind: 'not-covered', reason: `the spec has no path for ${path}` };
}

/** Checks a request's content type and body against its operation (with the documented exceptions). */
export function checkRequest(request: CheckedRequest): Verdict {
  const found = notCovered(request.method, request.path);
  if ('kind' in found) return found;
  const operation = found;
  const hasBody = request.body !== undefined;
  const spec = operation.requestBody;
  const refuse = (keyword: string, message: string) =>
    checked(operation.id, [message], [{ pointer: '', keyword, message }], []);
  if (!spec)
    return hasBody ? refuse('body', `${operation.id} takes no request body`) : checked(operation.id, [], [], []);
  if (!hasBody) {
    return spec.required
      ? refuse('body', `${operation.id} requires a request body`)
      : checked(operation.id, [], [], []);
  }
  const sent = mediaType(request.contentType);
  const problems: string[] = [];
  const issues: Issue[] = [];
  let type = sent;
  if (!(sent in spec.content)) {
    const message = `content type '${sent || '(none)'}' is not one of ${Object.keys(spec.content).join(', ')}`;
    problems.push(message);
    issues.push({ pointer: '', keyword: 'contentType', message });
    // The body is still checked, against the schema of the spec's (first) content type.
    type = Object.keys(spec.content)[0] ?? sent;
  }
  const schema = spec.content[type];
  if (!schema) return checked(operation.id, problems, issues, []);
  const facts: RequestFacts = { query: request.query };
  const exceptions = SPEC_EXCEPTIONS.filter(
    (exception) => exception.operationId === operation.id && (exception.appliesTo?.(facts) ?? true),
  );
  const used = exceptions.map((exception) => exception.id);
  const key = `request ${operation.id} ${type} ${used.join(',')}`;
  const validate = compile(key, () => {
    let closed = closeSchema(schema) as JsonSchema;
    for (const exception of exceptions) closed = exception.requestSchema(closed, closedRequestSchema);
    return closed;
  });
  if (validate(request.body)) return checked(operation.id, problems, issues, used);
  problems.push(...describe('body', validate.errors));
  issues.push(...toIssues(validate.errors));
  return checked(operation.id, problems, issues, used);
}

/** Checks an answer's body against the spec's response schema for its status (read as exceptions.ts says). */
export function checkAnswer(
  method: string,
  path: string,
  status: number,
  body: unknown,
  query: URLSearchParams = new URLSearchParams(),
): Verdict {
  const found = notCovered(method, path);
  if ('kind' in found) return found;
  const operation = found;
  if (status >= 400) {
    const validate = compile('answer error', () => ERROR_ANSWER_SCHEMA);
    if (validate(body)) return checked(operation.id, [], [], []);
    return checked(operation.id, describe(`answer ${status}`, validate.errors), toIssues(validate.errors), []);
  }
  const documented = operation.responses[String(status)];
  if (!documented) {
    const message = `status ${status} is not documented (spec: ${Object.keys(operation.responses).join(', ')})`;
    return checked(operation.id, [message], [{ pointer: '', keyword: 'status', message }], []);
  }
  const schema = documented['application/json'] ?? Object.values(documented)[0];
  if (!schema) {
    const message = `status ${status} has no body in the spec`;
    return body === undefined
      ? checked(operation.id, [], [], [])
      : checked(operation.id, [message], [{ pointer: '', keyword: 'body', message }], []);
  }
  const facts: RequestFacts = { query };
  const exceptions = ANSWER_EXCEPTIONS.filter(
    (exception) =>
      exception.operationId === operation.id && exception.status === status && (exception.appliesTo?.(facts) ?? true),
  );
  const used = exceptions.map((exception) => exception.id);
  const validate = compile(`answer ${operation.id} ${status} ${used.join(',')}`, () => {
    let read = answerSchema(schema) as JsonSchema;
    for (const exception of exceptions) read = exception.answerSchema(read);
    return read;
  });
  if (validate(body)) return checked(operation.id, [], [], used);
  return checked(operation.id, describe(`answer ${status}`, validate.errors), toIssues(validate.errors), used);
}
