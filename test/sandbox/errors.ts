/**
 * Kustomer answers errors in two shapes (see the workplace's shared/kustomer/API.md); the sandbox uses both, by family:
 * - JSON:API `{ errors: [{ status, code, title, detail, source }] }`: resource errors (validation 400, 404, 405, 409).
 * - `{ errors: [{ code, message, meta }] }`: gateway-level errors (401, 403, 429, 500, malformed JSON) and the
 *   search, sub-status listing and bulk endpoints' request errors.
 */

export interface JsonApiError {
  status: string;
  code: string;
  title: string;
  detail: string;
  source?: { pointer: string } | { parameter: string };
}

export interface SimpleError {
  code: string;
  message: string;
  meta: Record<string, unknown>;
}

export interface ErrorBody {
  errors: (JsonApiError | SimpleError)[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** Thrown by handlers; the server turns it into a response. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(JSON.stringify(body));
  }
}

export function jsonApiError(status: number, code: string, detail: string, source?: JsonApiError['source']): ApiError {
  const error: JsonApiError = { status: String(status), code, title: TITLES[status] ?? 'Error', detail };
  if (source) error.source = source;
  return new ApiError(status, { errors: [error] });
}

export function simpleError(
  status: number,
  code: string,
  message: string,
  meta: Record<string, unknown> = {},
): ApiError {
  return new ApiError(status, { errors: [{ code, message, meta }] });
}

/** 400 for an attribute of the request body. */
export function invalidAttribute(attribute: string, code: string, detail: string): ApiError {
  return jsonApiError(400, code, detail, { pointer: `/data/attributes/${attribute}` });
}

export function notFound(type: string, id: string): ApiError {
  return jsonApiError(404, 'not_found', `${type} ${id} not found`);
}
