import { type FragmentOf, graphql, readFragment } from '../../../graphql/graphql.ts';
import type { ChipInterest } from './audienceDraft.ts';

/**
 * The interests of a stored spec, named by the server in the same query (the spec itself holds
 * ids only): no lookup per chip. The server leaves out ids it no longer returns (unknown, or a
 * sensitive node).
 */
export const SpecInterestsFragment = graphql(`
  fragment SpecInterests on AudienceSpec {
    includeInterests { id name path }
    excludeInterests { id name path }
  }
`);

/** Names each id of the spec; null for an id the server left out, which the draft then drops. */
export function interestResolver(
  spec: FragmentOf<typeof SpecInterestsFragment>,
): (id: string) => ChipInterest | null {
  const { includeInterests, excludeInterests } = readFragment(SpecInterestsFragment, spec);
  const byId = new Map<string, ChipInterest>();
  for (const i of [...includeInterests.flat(), ...excludeInterests]) {
    byId.set(i.id, { id: i.id, name: i.name, path: i.path });
  }
  return (id) => byId.get(id) ?? null;
}
