import { useQuery } from 'urql';
import { graphql, type ResultOf, type VariablesOf } from '../../../graphql/graphql.ts';

export const ReachForecastQuery = graphql(`
  query ReachForecast($spec: AudienceSpecInput!, $budget: Float!, $cpm: Float!, $days: Int!, $frequencyCap: Int) {
    reachForecast(spec: $spec, budget: $budget, cpm: $cpm, days: $days, frequencyCap: $frequencyCap) {
      belowThreshold
      reachLowerBound
      reachUpperBound
      impressions
      averageFrequency
      privacyBudgetRemaining
      curve { budget impressions reach averageFrequency reachLowerBound reachUpperBound }
    }
  }
`);

export type ReachForecastVariables = VariablesOf<typeof ReachForecastQuery>;
export type ReachForecast = ResultOf<typeof ReachForecastQuery>['reachForecast'];
export type ReachPoint = ReachForecast['curve'][number];

export function useReachForecast(variables: ReachForecastVariables | null) {
  const [result] = useQuery({
    query: ReachForecastQuery,
    variables: variables ?? { spec: { include: [] }, budget: 0, cpm: 0, days: 0 },
    pause: variables === null,
    requestPolicy: 'cache-first',
  });
  return { forecast: result.data?.reachForecast ?? null, fetching: result.fetching, error: result.error };
}

/** Inclusive number of days in a flight; null when the dates are missing or reversed. */
export function flightDays(start: string, end: string): number | null {
  const s = Date.parse(`${start}T00:00:00Z`);
  const e = Date.parse(`${end}T00:00:00Z`);
  if (Number.isNaN(s) || Number.isNaN(e) || e < s) return null;
  return Math.round((e - s) / 86_400_000) + 1;
}
