import { useMutation, useQuery } from 'urql';
import { graphql, type ResultOf } from '../../../graphql/graphql.ts';

export const ApiKeysQuery = graphql(`
  query ApiKeys {
    apiKeys(first: 100) {
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

export function useApiKeys(pause = false) {
  const [result, refetch] = useQuery({ query: ApiKeysQuery, pause });
  return {
    keys: result.data?.apiKeys.edges.map((e) => e.node) ?? [],
    fetching: result.fetching && !result.data,
    error: result.error,
    refetch: () => refetch({ requestPolicy: 'network-only' }),
  };
}
export const useCreateApiKey = () => useMutation(CreateApiKeyMutation);
export const useRevokeApiKey = () => useMutation(RevokeApiKeyMutation);
