import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { type CombinedError, useQuery } from 'urql';
import { env } from '../../../env.ts';
import { graphql, type ResultOf } from '../../../graphql/graphql.ts';
import { type AudienceDraft, isSizeable, toSpecInput } from './audienceDraft.ts';

export const AudienceEstimateQuery = graphql(`
  query AudienceEstimate($spec: AudienceSpecInput!) {
    audienceEstimate(spec: $spec) {
      belowThreshold
      lowerBound
      upperBound
      snapshotId
      specHash
      privacyBudgetRemaining
      byCountry: breakdown(by: COUNTRY) { key lowerBound upperBound }
      byAgeBand: breakdown(by: AGE_BAND) { key lowerBound upperBound }
      countryCellsHidden: breakdownSuppressedCells(by: COUNTRY)
      ageBandCellsHidden: breakdownSuppressedCells(by: AGE_BAND)
    }
  }
`);

export type Estimate = ResultOf<typeof AudienceEstimateQuery>['audienceEstimate'];

export interface EstimateState {
  /** The latest answer the API gave (kept on screen while the next one loads). */
  estimate: Estimate | null;
  error: CombinedError | undefined;
  /** A newer answer is on its way (the spec changed, or the debounce is pending). */
  updating: boolean;
  /** Nothing to size yet: no interest included. */
  empty: boolean;
}

/**
 * Live sizing for a draft: waits `estimateDebounceMs` after the last edit, then asks the API.
 * It shows only what the API returned: no client-side estimate, interpolation or refinement.
 */
export function useEstimate(draft: AudienceDraft, debounceMs = env.estimateDebounceMs): EstimateState {
  const specJson = JSON.stringify(toSpecInput(draft));
  const [debounced] = useDebouncedValue(specJson, debounceMs);
  const sizeable = isSizeable(draft);
  const variables = useMemo(() => ({ spec: JSON.parse(debounced) }), [debounced]);
  const [result] = useQuery({
    query: AudienceEstimateQuery,
    variables,
    pause: !sizeable || variables.spec.include.length === 0,
    requestPolicy: 'cache-first',
  });
  // The last settled answer for this builder: an estimate or an error, never both.
  const [last, setLast] = useState<{ estimate: Estimate | null; error: CombinedError | undefined }>({
    estimate: null,
    error: undefined,
  });
  useEffect(() => {
    if (result.fetching) return;
    if (result.error) setLast({ estimate: null, error: result.error });
    else if (result.data) setLast({ estimate: result.data.audienceEstimate, error: undefined });
  }, [result.data, result.error, result.fetching]);

  return {
    estimate: sizeable ? last.estimate : null,
    error: sizeable ? last.error : undefined,
    updating: sizeable && (debounced !== specJson || result.fetching),
    empty: !sizeable,
  };
}
