import type { Resource } from './types';

/** Id of a to-one relationship (`relationships.customer.data.id`), if the resource has it. */
export function relatedId(
  resource: Pick<Resource<string, unknown>, 'relationships'>,
  name: string,
): string | undefined {
  const data = resource.relationships?.[name]?.data;
  return data && !Array.isArray(data) ? data.id : undefined;
}

/** Ids of a to-many relationship (`relationships.assignedUsers.data[].id`). */
export function relatedIds(resource: Pick<Resource<string, unknown>, 'relationships'>, name: string): string[] {
  const data = resource.relationships?.[name]?.data;
  if (!data) return [];
  return Array.isArray(data) ? data.map((item) => item.id) : [data.id];
}
