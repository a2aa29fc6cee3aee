import { idList, type KustomerCore, type ListParams, seg } from '../core';
import type { CallOptions } from '../transport';
import type {
  BulkBatchResource,
  BulkConversationCreateItem,
  BulkConversationUpdateItem,
  BulkJobResource,
  ConversationInput,
} from '../types';

const conversations = '/v1/conversations';

/** Bulk update: a list of items each with its id, or one change applied to several ids. */
export type BulkUpdateInput = BulkConversationUpdateItem[] | { ids: string[]; update: ConversationInput };

export const bulkCreateConversations = async (
  core: KustomerCore,
  items: BulkConversationCreateItem[],
  opts?: CallOptions,
) => core.one<BulkJobResource>('POST', `${conversations}/bulk`, items, opts);

export const bulkUpdateConversations = async (core: KustomerCore, input: BulkUpdateInput, opts?: CallOptions) =>
  Array.isArray(input)
    ? core.one<BulkJobResource>('PUT', `${conversations}/bulk`, input, opts)
    : core.one<BulkJobResource>('PUT', `${conversations}/bulk`, input.update, {
        ...opts,
        query: { ids: idList(input.ids) },
      });

export const bulkDeleteConversations = async (core: KustomerCore, ids: readonly string[], opts?: CallOptions) =>
  core.one<BulkJobResource>('DELETE', `${conversations}/bulk`, undefined, { ...opts, query: { ids: idList(ids) } });

export const getBulkJob = async (core: KustomerCore, id: string, opts?: CallOptions) =>
  core.one<BulkJobResource>('GET', `/v1/bulk/${seg(id)}`, undefined, opts);

export const listBulkJobBatches = async (core: KustomerCore, id: string, params?: ListParams, opts?: CallOptions) =>
  core.list<BulkBatchResource>(`/v1/bulk/${seg(id)}/batches`, params, opts);
