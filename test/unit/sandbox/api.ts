import type { Sandbox } from '../../sandbox';

export interface ResourceJson {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  relationships: Record<string, { data: { type: string; id: string } | null; links?: { self: string } }>;
  links: { self: string };
}

export interface ErrorJson {
  status?: string;
  code: string;
  title?: string;
  detail?: string;
  message?: string;
  source?: { pointer?: string; parameter?: string };
  meta?: Record<string, unknown>;
}

export interface BodyJson {
  data?: unknown;
  meta?: { page: number; pageSize: number; total: number; totalPages: number };
  links?: { self: string; first: string; prev: string | null; next: string | null };
  errors?: ErrorJson[];
  [key: string]: unknown;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  json: BodyJson;
}

/** Calls the sandbox like a client would: Bearer key, JSON body. */
export async function api(
  sandbox: Sandbox,
  method: string,
  path: string,
  options: { body?: unknown; key?: string | null; contentType?: string } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  const key = options.key === undefined ? sandbox.apiKey : options.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const response = await fetch(sandbox.url + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as BodyJson) : {} };
}

/** The single resource of a response. */
export const one = (response: ApiResponse) => response.json.data as ResourceJson;
/** The resources of a list response. */
export const many = (response: ApiResponse) => response.json.data as ResourceJson[];
/** The first error of an error response. */
export const firstError = (response: ApiResponse) => response.json.errors?.[0] as ErrorJson;

/** The content type the spec gives `PATCH /v1/conversations/{id}`. */
export const JSON_PATCH = 'application/json-patch+json';
