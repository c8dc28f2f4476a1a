import type { TadaDocumentNode } from 'gql.tada';
import { useCallback, useEffect, useState } from 'react';
import { type AnyVariables, type CombinedError, useClient, useQuery } from 'urql';

interface Page<N> {
  edges: readonly { node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * A Relay connection, one page at a time. The server prices a query by `first` × the fields of
 * each item (and caps the price), so lists load in pages with a "load more" rather than all at once.
 */
export function useConnection<Data, Vars extends AnyVariables & { after?: string | null }, N>(
  query: TadaDocumentNode<Data, Vars>,
  variables: Vars,
  select: (data: Data) => Page<N>,
  pause = false,
) {
  const client = useClient();
  const [result, reexecute] = useQuery<Data, Vars>({ query, variables, pause });
  const [more, setMore] = useState<{ nodes: N[]; cursor: string | null; hasNext: boolean } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<CombinedError | undefined>();
  const key = JSON.stringify(variables);

  // A new first page (refetch, other filters) starts the list again.
  useEffect(() => {
    setMore(null);
    setMoreError(undefined);
  }, [result.data, key]);

  const first = result.data ? select(result.data) : null;
  const nodes = [...(first?.edges.map((e) => e.node) ?? []), ...(more?.nodes ?? [])];
  const hasNextPage = more ? more.hasNext : (first?.pageInfo.hasNextPage ?? false);
  const cursor = more ? more.cursor : (first?.pageInfo.endCursor ?? null);

  const loadMore = useCallback(async () => {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(undefined);
    const next = await client
      .query(query, { ...variables, after: cursor }, { requestPolicy: 'network-only' })
      .toPromise();
    setLoadingMore(false);
    if (next.error || !next.data) {
      setMoreError(next.error);
      return;
    }
    const page = select(next.data);
    setMore((prev) => ({
      nodes: [...(prev?.nodes ?? []), ...page.edges.map((e) => e.node)],
      cursor: page.pageInfo.endCursor ?? null,
      hasNext: page.pageInfo.hasNextPage,
    }));
  }, [client, query, variables, cursor, select]);

  return {
    nodes,
    fetching: result.fetching && !result.data,
    /** The first page failed: nothing to show but the error. */
    error: result.error,
    /** A further page failed: the rows already loaded stay, the error shows beside "load more". */
    moreError,
    hasNextPage,
    loadingMore,
    loadMore,
    refetch: () => reexecute({ requestPolicy: 'network-only' }),
  };
}
