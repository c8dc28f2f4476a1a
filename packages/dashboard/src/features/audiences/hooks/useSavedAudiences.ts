import { useMutation, useQuery } from 'urql';
import { graphql, type ResultOf, readFragment } from '../../../graphql/graphql.ts';
import { SpecInterestsFragment } from './specInterests.ts';
import { useConnection } from '../../../graphql/useConnection.ts';

/** What the dashboard shows of a saved audience, in the list and when reopened in the builder alike. */
export const SavedAudienceFields = graphql(
  `
  fragment SavedAudienceFields on SavedAudience {
    id
    name
    createdAt
    updatedAt
    sizing { belowThreshold lowerBound upperBound snapshotId takenAt }
    spec { include exclude countries ageMin ageMax recencyDays ...SpecInterests }
  }
`,
  [SpecInterestsFragment],
);

export type SavedAudience = ResultOf<typeof SavedAudienceFields>;

export const SavedAudiencesQuery = graphql(
  `
  query SavedAudiences($first: Int!, $after: String) {
    audiences(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { ...SavedAudienceFields } }
    }
  }
`,
  [SavedAudienceFields],
);

export const SavedAudienceQuery = graphql(
  `
  query SavedAudience($id: ID!) {
    audience(id: $id) { ...SavedAudienceFields }
  }
`,
  [SavedAudienceFields],
);

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

/**
 * Audiences per page. The server prices a list at `first` × the fields of each item, __typename
 * (which urql adds, to the fragment too) included, and refuses more than 1,000 points: with the
 * interests named, each item costs 40, so 20 per page (801). packages/server's
 * dashboard-cost.test.ts prices every document of the dashboard with these page sizes.
 */
export const AUDIENCES_PAGE = 20;
const selectAudiences = (d: ResultOf<typeof SavedAudiencesQuery>) => ({
  pageInfo: d.audiences.pageInfo,
  edges: d.audiences.edges.map((e) => ({ node: readFragment(SavedAudienceFields, e.node) })),
});
const audiencesVars = { first: AUDIENCES_PAGE };

export function useSavedAudiences(pause = false) {
  const list = useConnection(SavedAudiencesQuery, audiencesVars, selectAudiences, pause);
  return { ...list, audiences: list.nodes };
}

/** Every saved audience a campaign can use, by name only: one query, far below the cost limit. */
export const SavedAudienceOptionsQuery = graphql(`
  query SavedAudienceOptions {
    audiences(first: 100) { edges { node { id name } } }
  }
`);

export function useSavedAudienceOptions() {
  const [result] = useQuery({ query: SavedAudienceOptionsQuery });
  return {
    audiences: result.data?.audiences.edges.map((e) => e.node) ?? [],
    error: result.error,
  };
}

export function useSavedAudience(id: string | undefined) {
  const [result, refetch] = useQuery({ query: SavedAudienceQuery, variables: { id: id ?? '' }, pause: !id });
  return {
    audience: result.data ? readFragment(SavedAudienceFields, result.data.audience) : null,
    fetching: result.fetching && !result.data,
    error: result.error,
    refetch: () => refetch({ requestPolicy: 'network-only' }),
  };
}

export const useSaveAudience = () => useMutation(SaveAudienceMutation);
export const useUpdateAudience = () => useMutation(UpdateAudienceMutation);
