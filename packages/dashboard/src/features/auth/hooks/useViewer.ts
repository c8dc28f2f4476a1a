import { useQuery } from 'urql';
import { hasErrorCode } from '../../../graphql/errors.ts';
import { graphql, type ResultOf } from '../../../graphql/graphql.ts';

export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      kind
      role
      privacyBudgetRemaining
      privacyBudgetDaily
      member { id email name }
      organization { id name slug }
      organizations { role organization { id name slug } }
    }
  }
`);

export type Viewer = ResultOf<typeof ViewerQuery>['viewer'];

export function useViewer() {
  const [result, refetch] = useQuery({ query: ViewerQuery, requestPolicy: 'cache-and-network' });
  const signedOut =
    hasErrorCode(result.error, 'UNAUTHENTICATED') ||
    (!result.fetching && !result.error && !result.data?.viewer);
  return {
    viewer: result.data?.viewer ?? null,
    fetching: result.fetching && !result.data,
    signedOut,
    error: signedOut ? undefined : result.error,
    refetch: () => refetch({ requestPolicy: 'network-only' }),
  };
}
