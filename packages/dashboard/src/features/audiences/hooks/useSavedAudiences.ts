import { useMutation, useQuery } from 'urql';
import { graphql, type ResultOf } from '../../../graphql/graphql.ts';

export const SavedAudiencesQuery = graphql(`
  query SavedAudiences {
    audiences(first: 100) {
      edges {
        node {
          id
          name
          createdAt
          updatedAt
          sizing { belowThreshold lowerBound upperBound snapshotId takenAt }
          spec {
            include { id name path }
            exclude { id name path }
            countries
            ageMin
            ageMax
            recencyDays
          }
        }
      }
    }
  }
`);

export type SavedAudience = ResultOf<typeof SavedAudiencesQuery>['audiences']['edges'][number]['node'];

export const SaveAudienceMutation = graphql(`
  mutation SaveAudience($input: SaveAudienceInput!) {
    saveAudience(input: $input) {
      id
      name
      updatedAt
      sizing { belowThreshold lowerBound upperBound snapshotId takenAt }
    }
  }
`);

export function useSavedAudiences(pause = false) {
  const [result, refetch] = useQuery({ query: SavedAudiencesQuery, pause });
  return {
    audiences: result.data?.audiences.edges.map((e) => e.node) ?? [],
    fetching: result.fetching && !result.data,
    error: result.error,
    refetch: () => refetch({ requestPolicy: 'network-only' }),
  };
}

export function useSaveAudience() {
  return useMutation(SaveAudienceMutation);
}
