import { RAW_INTERESTS } from './interests.gen.js';
import { SENSITIVE_DENY_LIST } from './sensitive-deny-list.js';
import type { Interest, SensitiveCategory } from './types.js';

const denyById = new Map(SENSITIVE_DENY_LIST.map((e) => [e.id, e.category] as const));
const parentById = new Map(RAW_INTERESTS.map(([id, parentId]) => [id, parentId] as const));

function inheritedCategory(id: string): SensitiveCategory | null {
  let cur: string | null | undefined = id;
  while (cur != null) {
    const cat = denyById.get(cur);
    if (cat) return cat;
    cur = parentById.get(cur);
  }
  return null;
}

/** Every node of the IAB Audience Taxonomy 1.1 Interest branch (root omitted), in IAB id order. */
export const INTERESTS: readonly Interest[] = Object.freeze(
  RAW_INTERESTS.map(([id, parentId, tier, path]) =>
    Object.freeze({
      id,
      parentId,
      name: path[path.length - 1] ?? '',
      path: Object.freeze([...path]),
      tier,
      sensitive: inheritedCategory(id),
    }),
  ),
);

const byId = new Map(INTERESTS.map((i) => [i.id, i] as const));
const byParent = new Map<string | null, Interest[]>();
for (const i of INTERESTS) {
  const list = byParent.get(i.parentId) ?? [];
  list.push(i);
  byParent.set(i.parentId, list);
}

/** The interest with this IAB id, or undefined. */
export function getInterest(id: string): Interest | undefined {
  return byId.get(id);
}

/**
 * Direct children of a node (`null` = the top-level groups), in IAB id order.
 * Sensitive nodes are left out unless `includeSensitive` is set.
 */
export function childrenOf(parentId: string | null, opts: { includeSensitive?: boolean } = {}): Interest[] {
  const list = byParent.get(parentId) ?? [];
  return opts.includeSensitive ? [...list] : list.filter((i) => i.sensitive === null);
}

/** True when the node (or an ancestor) is on the deny-list, or the id is unknown (fail closed). */
export function isSensitiveInterest(id: string): boolean {
  const i = byId.get(id);
  return i === undefined || i.sensitive !== null;
}
