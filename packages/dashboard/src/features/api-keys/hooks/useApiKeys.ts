import { useMutation, useQuery } from 'urql';
import { graphql, type ResultOf } from '../../../graphql/graphql.ts';

export const ApiKeysQuery = graphql(`
  query ApiKeys {
    apiKeys { id name prefix scopes createdAt lastUsedAt revokedAt }
  }
`);
export type ApiKey = ResultOf<typeof ApiKeysQuery>['apiKeys'][number];

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

export const SCOPES = [
  { value: 'audiences:read', label: 'Read audiences and estimates' },
  { value: 'audiences:write', label: 'Save audiences' },
  { value: 'campaigns:read', label: 'Read campaigns' },
  { value: 'campaigns:write', label: 'Create and change campaigns' },
  { value: 'insights:read', label: 'Related-interest insights' },
  { value: 'keys:admin', label: 'Manage API keys' },
] as const;

export function useApiKeys(pause = false) {
  const [result, refetch] = useQuery({ query: ApiKeysQuery, pause });
  return {
    keys: result.data?.apiKeys ?? [],
    fetching: result.fetching && !result.data,
    error: result.error,
    refetch: () => refetch({ requestPolicy: 'network-only' }),
  };
}
export const useCreateApiKey = () => useMutation(CreateApiKeyMutation);
export const useRevokeApiKey = () => useMutation(RevokeApiKeyMutation);
