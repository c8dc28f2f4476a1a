import { useEffect, useMemo, useState } from 'react';
import { useClient } from 'urql';
import { graphql } from '../../../graphql/graphql.ts';
import type { ChipInterest } from './audienceDraft.ts';

export const InterestByIdQuery = graphql(`
  query InterestById($id: ID!) {
    interest(id: $id) { id name path }
  }
`);

/**
 * Names for the interest ids a stored spec holds (the API stores ids only). An id the API no
 * longer returns (unknown, or a sensitive node) resolves to null and is dropped from the draft.
 */
export function useResolvedInterests(ids: readonly string[]) {
  const client = useClient();
  const key = useMemo(() => [...new Set(ids)].sort().join('\n'), [ids]);
  const [known, setKnown] = useState<ReadonlyMap<string, ChipInterest | null>>(new Map());

  useEffect(() => {
    const wanted = key ? key.split('\n') : [];
    const missing = wanted.filter((id) => !known.has(id));
    if (missing.length === 0) return;
    let cancelled = false;
    void Promise.all(
      missing.map(async (id) => {
        const result = await client
          .query(InterestByIdQuery, { id }, { requestPolicy: 'cache-first' })
          .toPromise();
        // A failed lookup keeps the id (shown as-is) rather than silently changing the audience.
        if (result.error) return [id, { id, name: id, path: [] }] as const;
        const i = result.data?.interest;
        return [id, i ? { id: i.id, name: i.name, path: i.path } : null] as const;
      }),
    ).then((entries) => {
      if (cancelled) return;
      setKnown((prev) => {
        const next = new Map(prev);
        for (const [id, interest] of entries) next.set(id, interest);
        return next;
      });
    });
    return () => {
      cancelled = true;
    };
  }, [key, client, known]);

  const ready = key === '' || key.split('\n').every((id) => known.has(id));
  return {
    ready,
    resolve: (id: string): ChipInterest | null =>
      known.has(id) ? (known.get(id) ?? null) : { id, name: id, path: [] },
  };
}
