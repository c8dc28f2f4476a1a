import {
  childrenOf,
  getInterest,
  type Interest as TaxonomyInterest,
  searchInterests,
} from '@parlance/taxonomy';
import type { AudiencePort } from '../../engine/port.js';
import { ServerError } from '../../errors.js';
import { type Connection, decodeCursor, encodeCursor, pageSize } from '../shared/connection.type.js';
import type { Interest, SizeRange } from './interest.type.js';

const MAX_SEARCH_RESULTS = 500;

export function toInterest(node: TaxonomyInterest): Interest {
  return {
    id: node.id,
    parentId: node.parentId,
    name: node.name,
    path: [...node.path],
    tier: node.tier,
    hasChildren: childrenOf(node.id).length > 0,
  };
}

const isOffset = (v: unknown): v is { o: number } =>
  typeof v === 'object' &&
  v !== null &&
  Number.isInteger((v as { o: unknown }).o) &&
  (v as { o: number }).o >= 0;

/** Browse (children of `parentId`, roots by default) or search; sensitive nodes are excluded. */
export function listInterests(args: {
  search?: string | null;
  parentId?: string | null;
  first?: number | null;
  after?: string | null;
}): Connection<Interest> {
  const size = pageSize(args.first);
  const offset = args.after ? decodeCursor(args.after, isOffset).o + 1 : 0;
  let nodes: TaxonomyInterest[];
  const search = args.search?.trim();
  if (search) {
    if (search.length > 100)
      throw new ServerError('BAD_USER_INPUT', 'search must be at most 100 characters.', {
        field: 'search',
      });
    nodes = searchInterests(search, { limit: MAX_SEARCH_RESULTS });
    if (args.parentId)
      nodes = nodes.filter((n) => n.path.length > 0 && isDescendant(n, args.parentId as string));
  } else {
    if (args.parentId && !getInterest(args.parentId))
      throw new ServerError('NOT_FOUND', 'Interest not found.');
    nodes = childrenOf(args.parentId ?? null);
  }
  nodes = nodes.filter((n) => n.sensitive === null);
  const page = nodes.slice(offset, offset + size);
  const edges = page.map((node, i) => ({ cursor: encodeCursor({ o: offset + i }), node: toInterest(node) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: offset + size < nodes.length,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

function isDescendant(node: TaxonomyInterest, ancestorId: string): boolean {
  let current: TaxonomyInterest | undefined = node;
  while (current?.parentId) {
    if (current.parentId === ancestorId) return true;
    current = getInterest(current.parentId);
  }
  return false;
}

export function findInterest(id: string): Interest | null {
  const node = getInterest(id);
  return node && node.sensitive === null ? toInterest(node) : null;
}

/** The targetable interests among `ids`, in order; unknown and sensitive ids are omitted. */
export function findInterests(ids: readonly string[]): Interest[] {
  return ids.flatMap((id) => findInterest(id) ?? []);
}

export function interestSizeRange(engine: AudiencePort, id: string): SizeRange | null {
  return engine.isReady() ? engine.interestSizeRange(id) : null;
}
