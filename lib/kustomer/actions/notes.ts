import { type KustomerCore, type ListParams, seg } from '../core';
import type { CallOptions } from '../transport';
import type { NoteCreateInput, NoteInput, NoteReplaceInput, NoteResource } from '../types';

export const listNotes = async (core: KustomerCore, params?: ListParams, opts?: CallOptions) =>
  core.list<NoteResource>('/v1/notes', params, opts);

export const getNote = async (core: KustomerCore, id: string, opts?: CallOptions) =>
  core.one<NoteResource>('GET', `/v1/notes/${seg(id)}`, undefined, opts);

/** A note with no conversation; to note on a conversation use `createConversationNote`. */
export const createNote = async (core: KustomerCore, input: NoteCreateInput, opts?: CallOptions) =>
  core.one<NoteResource>('POST', '/v1/notes', input, opts);

/** Replaces the note: the spec requires its `conversation` and `body`. */
export const updateNote = async (core: KustomerCore, id: string, input: NoteReplaceInput, opts?: CallOptions) =>
  core.one<NoteResource>('PUT', `/v1/notes/${seg(id)}`, input, opts);

export const updateNoteAttributes = async (core: KustomerCore, id: string, input: NoteInput, opts?: CallOptions) =>
  core.one<NoteResource>('PATCH', `/v1/notes/${seg(id)}`, input, opts);

export const deleteNote = async (core: KustomerCore, id: string, opts?: CallOptions) =>
  core.remove(`/v1/notes/${seg(id)}`, opts);
