import { useMemo } from 'react';
import { useMutation, useQuery } from 'urql';
import { useConnection } from '../../../graphql/useConnection.ts';
import { interestResolver, SpecInterestsFragment } from '../../audiences/hooks/specInterests.ts';
import { graphql, type ResultOf, readFragment, type VariablesOf } from '../../../graphql/graphql.ts';

/** What the dashboard shows of a campaign, in the list and on its edit page alike. */
export const CampaignFields = graphql(`
  fragment CampaignFields on Campaign {
    id
    name
    objective
    status
    budgetType
    budgetAmount
    currency
    cpmBid
    startDate
    endDate
    createdAt
    updatedAt
    sizing { belowThreshold lowerBound upperBound snapshotId takenAt }
    savedAudience { id name }
    spec { include exclude countries ageMin ageMax recencyDays }
  }
`);

export type Campaign = ResultOf<typeof CampaignFields>;

export const CampaignsQuery = graphql(
  `
  query Campaigns($status: CampaignStatus, $first: Int!, $after: String) {
    campaigns(first: $first, after: $after, status: $status) {
      pageInfo { hasNextPage endCursor }
      edges { node { ...CampaignFields } }
    }
  }
`,
  [CampaignFields],
);

export const CampaignQuery = graphql(
  `
  query Campaign($id: ID!) {
    campaign(id: $id) { ...CampaignFields spec { ...SpecInterests } }
  }
`,
  [CampaignFields, SpecInterestsFragment],
);

export function useCampaign(id: string | null) {
  const [result, refetch] = useQuery({ query: CampaignQuery, variables: { id: id ?? '' }, pause: !id });
  return {
    campaign: result.data ? readFragment(CampaignFields, result.data.campaign) : null,
    /** Names the interests of the campaign's spec (see interestResolver). */
    resolveInterest: result.data ? interestResolver(result.data.campaign.spec) : null,
    fetching: result.fetching && !result.data,
    error: result.error,
    refetch: () => refetch({ requestPolicy: 'network-only' }),
  };
}
export type CampaignStatus = Campaign['status'];

export const CreateCampaignMutation = graphql(`
  mutation CreateCampaign($input: CreateCampaignInput!) {
    createCampaign(input: $input) { id status sizing { belowThreshold lowerBound upperBound snapshotId takenAt } }
  }
`);
export type CreateCampaignInput = VariablesOf<typeof CreateCampaignMutation>['input'];

export const UpdateCampaignMutation = graphql(`
  mutation UpdateCampaign($id: ID!, $input: UpdateCampaignInput!) {
    updateCampaign(id: $id, input: $input) { id status sizing { belowThreshold lowerBound upperBound snapshotId takenAt } }
  }
`);

export const SetCampaignStatusMutation = graphql(`
  mutation SetCampaignStatus($id: ID!, $status: CampaignStatus!) {
    setCampaignStatus(id: $id, status: $status) { id status updatedAt }
  }
`);

/**
 * Campaigns per page: the server's cost limit allows 24 of these items (41 points each) per query
 * (checked by packages/server's dashboard-cost.test.ts).
 */
export const CAMPAIGNS_PAGE = 20;
const selectCampaigns = (d: ResultOf<typeof CampaignsQuery>) => ({
  pageInfo: d.campaigns.pageInfo,
  edges: d.campaigns.edges.map((e) => ({ node: readFragment(CampaignFields, e.node) })),
});

export function useCampaigns(status: CampaignStatus | null) {
  const variables = useMemo(() => ({ status, first: CAMPAIGNS_PAGE }), [status]);
  const list = useConnection(CampaignsQuery, variables, selectCampaigns);
  return { ...list, campaigns: list.nodes };
}

export const useCreateCampaign = () => useMutation(CreateCampaignMutation);
export const useUpdateCampaign = () => useMutation(UpdateCampaignMutation);
export const useSetCampaignStatus = () => useMutation(SetCampaignStatusMutation);

/** The transitions the dashboard offers from each status (the server enforces the rules). */
export const STATUS_ACTIONS: Record<CampaignStatus, { label: string; to: CampaignStatus; color?: string }[]> =
  {
    DRAFT: [{ label: 'Launch', to: 'ACTIVE' }],
    ACTIVE: [
      { label: 'Pause', to: 'PAUSED', color: 'yellow' },
      { label: 'End', to: 'ENDED', color: 'red' },
    ],
    PAUSED: [
      { label: 'Resume', to: 'ACTIVE' },
      { label: 'End', to: 'ENDED', color: 'red' },
    ],
    ENDED: [],
  };
