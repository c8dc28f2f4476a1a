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

/** Typeahead suggestions asked for at once. */
export const INTEREST_SEARCH_FIRST = 12;
/** Children of one taxonomy node (the roots included) asked for at once. */
export const INTEREST_CHILDREN_FIRST = 60;

export type InterestNode = ResultOf<typeof InterestsQuery>['interests']['edges'][number]['node'];

/** Typeahead: the API never returns sensitive interests; this hook asks once the user pauses. */
export function useInterestSearch(search: string) {
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const [result] = useQuery({
    query: InterestsQuery,
    variables: { search: debounced, first: INTEREST_SEARCH_FIRST },
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
    variables: parentId ? { parentId, first: INTEREST_CHILDREN_FIRST } : { first: INTEREST_CHILDREN_FIRST },
    pause,
  });
  return {
    interests: result.data?.interests.edges.map((e) => e.node) ?? [],
    fetching: result.fetching,
    error: result.error,
    refetch: () => refetch({ requestPolicy: 'network-only' }),
  };
}
