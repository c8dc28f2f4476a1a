import { useMutation } from 'urql';
import { graphql, type ResultOf } from '../../../graphql/graphql.ts';
import { useConnection } from '../../../graphql/useConnection.ts';

export const ApiKeysQuery = graphql(`
  query ApiKeys($first: Int!, $after: String) {
    apiKeys(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { id name prefix scopes createdAt lastUsedAt revokedAt } }
    }
  }
`);
export type ApiKey = ResultOf<typeof ApiKeysQuery>['apiKeys']['edges'][number]['node'];
export type ApiKeyScope = ApiKey['scopes'][number];

export const CreateApiKeyMutation = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) { secret apiKey { id name prefix scopes createdAt lastUsedAt revokedAt } }
  }
`);

export const RevokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) { id revokedAt }
  }
`);

/** Scopes as agencies read them in docs/api.md, with what each allows. */
export const SCOPES: readonly { value: ApiKeyScope; code: string; label: string }[] = [
  { value: 'AUDIENCES_READ', code: 'audiences:read', label: 'Read audiences and estimates' },
  { value: 'AUDIENCES_WRITE', code: 'audiences:write', label: 'Save audiences' },
  { value: 'CAMPAIGNS_READ', code: 'campaigns:read', label: 'Read campaigns' },
  { value: 'CAMPAIGNS_WRITE', code: 'campaigns:write', label: 'Create and change campaigns' },
  { value: 'INSIGHTS_READ', code: 'insights:read', label: 'Related-interest insights' },
  { value: 'KEYS_ADMIN', code: 'keys:admin', label: 'Manage API keys' },
];

export function scopeCode(scope: ApiKeyScope): string {
  return SCOPES.find((s) => s.value === scope)?.code ?? scope.toLowerCase();
}

const selectKeys = (d: ResultOf<typeof ApiKeysQuery>) => d.apiKeys;
/** API keys per page. */
export const API_KEYS_PAGE = 50;
const keysVars = { first: API_KEYS_PAGE };

export function useApiKeys(pause = false) {
  const list = useConnection(ApiKeysQuery, keysVars, selectKeys, pause);
  return { ...list, keys: list.nodes };
}
export const useCreateApiKey = () => useMutation(CreateApiKeyMutation);
export const useRevokeApiKey = () => useMutation(RevokeApiKeyMutation);
