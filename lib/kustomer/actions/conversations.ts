import { type KustomerCore, type ListParams, seg } from '../core';
import type { CallOptions } from '../transport';
import type {
  ConversationCreateInput,
  ConversationInput,
  ConversationMessageInput,
  ConversationResource,
  MessageResource,
  NoteCreateInput,
  NoteResource,
  SingleResponse,
} from '../types';

const conversations = '/v1/conversations';

export const listConversations = async (core: KustomerCore, params?: ListParams, opts?: CallOptions) =>
  core.list<ConversationResource>(conversations, params, opts);

export const getConversation = async (core: KustomerCore, id: string, opts?: CallOptions) =>
  core.one<ConversationResource>('GET', `${conversations}/${seg(id)}`, undefined, opts);

export const createConversation = async (core: KustomerCore, input: ConversationCreateInput, opts?: CallOptions) =>
  core.one<ConversationResource>('POST', conversations, input, opts);

export const updateConversation = async (
  core: KustomerCore,
  id: string,
  input: ConversationInput,
  opts?: CallOptions,
) => core.one<ConversationResource>('PUT', `${conversations}/${seg(id)}`, input, opts);

/** The spec's only content type for PATCH /v1/conversations/{id}; the body is a flat partial object. */
const JSON_PATCH_CONTENT_TYPE = 'application/json-patch+json';

export const updateConversationAttributes = async (
  core: KustomerCore,
  id: string,
  input: ConversationInput,
  opts?: CallOptions,
) =>
  (
    await core.transport<SingleResponse<ConversationResource>>(
      { method: 'PATCH', path: `${conversations}/${seg(id)}`, body: input, contentType: JSON_PATCH_CONTENT_TYPE },
      opts,
    )
  ).data.data;

export const deleteConversation = async (core: KustomerCore, id: string, opts?: CallOptions) =>
  core.remove(`${conversations}/${seg(id)}`, opts);

export const listConversationMessages = async (
  core: KustomerCore,
  conversationId: string,
  params?: ListParams,
  opts?: CallOptions,
) => core.list<MessageResource>(`${conversations}/${seg(conversationId)}/messages`, params, opts);

export const listConversationNotes = async (
  core: KustomerCore,
  conversationId: string,
  params?: ListParams,
  opts?: CallOptions,
) => core.list<NoteResource>(`${conversations}/${seg(conversationId)}/notes`, params, opts);

export const createConversationNote = async (
  core: KustomerCore,
  conversationId: string,
  input: NoteCreateInput,
  opts?: CallOptions,
) => core.one<NoteResource>('POST', `${conversations}/${seg(conversationId)}/notes`, input, opts);

export const createConversationMessage = async (
  core: KustomerCore,
  conversationId: string,
  input: ConversationMessageInput,
  opts?: CallOptions,
) => core.one<MessageResource>('POST', `${conversations}/${seg(conversationId)}/messages`, input, opts);
