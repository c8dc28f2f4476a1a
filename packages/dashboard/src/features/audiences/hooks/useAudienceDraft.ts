import { useReducer } from 'react';
import { type AudienceDraft, draftReducer, EMPTY_DRAFT } from './audienceDraft.ts';

export function useAudienceDraft(initial: AudienceDraft = EMPTY_DRAFT) {
  return useReducer(draftReducer, initial);
}
