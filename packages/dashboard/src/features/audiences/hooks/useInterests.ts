import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from 'urql';
import { graphql, type ResultOf } from '../../../graphql/graphql.ts';

export const InterestsQuery = graphql(`
  query Interests($search: String, $parentId: ID, $first: Int) {
    interests(search: $search, parentId: $parentId, first: $first) {
      edges {
        node {
          id
          name
          path
          tier
          hasChildren
          sizeRange { lowerBound upperBound }
        }
      }
    }
  }
`);

export type InterestNode = ResultOf<typeof InterestsQuery>['interests']['edges'][number]['node'];

/** Typeahead: the API never returns sensitive interests; this hook asks once the user pauses. */
export function useInterestSearch(search: string) {
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const [result] = useQuery({
    query: InterestsQuery,
    variables: { search: debounced, first: 12 },
    pause: debounced.length < 2,
  });
  return {
    interests: debounced.length < 2 ? [] : (result.data?.interests.edges.map((e) => e.node) ?? []),
    fetching: result.fetching || debounced !== search.trim(),
    error: result.error,
    searched: debounced,
  };
}

/** One level of the taxonomy: the roots when `parentId` is null. */
export function useInterestChildren(parentId: string | null, pause = false) {
  const [result, refetch] = useQuery({
    query: InterestsQuery,
    variables: parentId ? { parentId, first: 60 } : { first: 60 },
    pause,
  });
  return {
    interests: result.data?.interests.edges.map((e) => e.node) ?? [],
    fetching: result.fetching,
    error: result.error,
    refetch: () => refetch({ requestPolicy: 'network-only' }),
  };
}
