import { useMutation, useQuery } from 'urql';
import { graphql, type ResultOf } from '../../../graphql/graphql.ts';
import { useConnection } from '../../../graphql/useConnection.ts';

export const SavedAudiencesQuery = graphql(`
  query SavedAudiences($first: Int!, $after: String) {
    audiences(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id
          name
          createdAt
          updatedAt
          sizing { belowThreshold lowerBound upperBound snapshotId takenAt }
          spec { include exclude countries ageMin ageMax recencyDays }
        }
      }
    }
  }
`);

export type SavedAudience = ResultOf<typeof SavedAudiencesQuery>['audiences']['edges'][number]['node'];

export const SavedAudienceQuery = graphql(`
  query SavedAudience($id: ID!) {
    audience(id: $id) {
      id
      name
      updatedAt
      sizing { belowThreshold lowerBound upperBound snapshotId takenAt }
      spec { include exclude countries ageMin ageMax recencyDays }
    }
  }
`);

export const SaveAudienceMutation = graphql(`
  mutation SaveAudience($input: SaveAudienceInput!) {
    saveAudience(input: $input) { id name updatedAt sizing { belowThreshold lowerBound upperBound snapshotId takenAt } }
  }
`);

export const UpdateAudienceMutation = graphql(`
  mutation UpdateAudience($id: ID!, $input: UpdateAudienceInput!) {
    updateAudience(id: $id, input: $input) { id name updatedAt sizing { belowThreshold lowerBound upperBound snapshotId takenAt } }
  }
`);

/** Audiences per page: the server's cost limit allows about 40 of these items per query. */
export const AUDIENCES_PAGE = 30;
const selectAudiences = (d: ResultOf<typeof SavedAudiencesQuery>) => d.audiences;
const audiencesVars = { first: AUDIENCES_PAGE };

export function useSavedAudiences(pause = false) {
  const list = useConnection(SavedAudiencesQuery, audiencesVars, selectAudiences, pause);
  return { ...list, audiences: list.nodes };
}

export function useSavedAudience(id: string | undefined) {
  const [result, refetch] = useQuery({ query: SavedAudienceQuery, variables: { id: id ?? '' }, pause: !id });
  return {
    audience: result.data?.audience ?? null,
    fetching: result.fetching && !result.data,
    error: result.error,
    refetch: () => refetch({ requestPolicy: 'network-only' }),
  };
}

export const useSaveAudience = () => useMutation(SaveAudienceMutation);
export const useUpdateAudience = () => useMutation(UpdateAudienceMutation);
