import { useQuery } from 'urql';
import { graphql, type ResultOf } from '../../../graphql/graphql.ts';
import type { AudienceSpecInput } from '../../audiences/hooks/audienceDraft.ts';

export const AudienceInsightsQuery = graphql(`
  query AudienceInsights($spec: AudienceSpecInput!, $first: Int) {
    audienceInsights(spec: $spec, first: $first) {
      affinityIndex
      overlapLowerBound
      overlapUpperBound
      interest { id name path }
    }
  }
`);

/** Related interests shown. */
export const INSIGHTS_FIRST = 10;

export type InterestAffinity = ResultOf<typeof AudienceInsightsQuery>['audienceInsights'][number];

export function useInsights(spec: AudienceSpecInput | null) {
  const [result] = useQuery({
    query: AudienceInsightsQuery,
    variables: { spec: spec ?? { include: [] }, first: INSIGHTS_FIRST },
    pause: spec === null,
    requestPolicy: 'cache-first',
  });
  return {
    insights: result.data?.audienceInsights ?? [],
    fetching: result.fetching,
    error: result.error,
    ran: !!result.data,
  };
}
