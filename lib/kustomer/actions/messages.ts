import { type KustomerCore, type ListParams, seg } from '../core';
import type { CallOptions } from '../transport';
import type { MessageCreateInput, MessageInput, MessageResource } from '../types';

export const listMessages = async (core: KustomerCore, params?: ListParams, opts?: CallOptions) =>
  core.list<MessageResource>('/v1/messages', params, opts);

export const getMessage = async (core: KustomerCore, id: string, opts?: CallOptions) =>
  core.one<MessageResource>('GET', `/v1/messages/${seg(id)}`, undefined, opts);

export const createMessage = async (core: KustomerCore, input: MessageCreateInput, opts?: CallOptions) =>
  core.one<MessageResource>('POST', '/v1/messages', input, opts);

export const updateMessage = async (core: KustomerCore, id: string, input: MessageInput, opts?: CallOptions) =>
  core.one<MessageResource>('PUT', `/v1/messages/${seg(id)}`, input, opts);

export const updateMessageAttributes = async (
  core: KustomerCore,
  id: string,
  input: MessageInput,
  opts?: CallOptions,
) => core.one<MessageResource>('PATCH', `/v1/messages/${seg(id)}`, input, opts);
