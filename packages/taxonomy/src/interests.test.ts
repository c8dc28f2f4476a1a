import { describe, expect, it } from 'vitest';
import { childrenOf, getInterest, INTERESTS } from './index.js';

describe('INTERESTS', () => {
  it('holds the 496 nodes of the Interest branch below its root (497 with the omitted root)', () => {
    expect(INTERESTS).toHaveLength(496);
    expect(new Set(INTERESTS.map((i) => i.id)).size).toBe(496);
    expect(getInterest('206')).toBeUndefined();
  });

  it('has consistent parents, tiers and paths', () => {
    for (const i of INTERESTS) {
      expect(i.path[i.path.length - 1]).toBe(i.name);
      expect(i.tier).toBe(i.path.length + 1);
      if (i.parentId === null) {
        expect(i.tier).toBe(2);
      } else {
        const p = getInterest(i.parentId);
        expect(p, i.id).toBeDefined();
        expect(i.path.slice(0, -1)).toEqual(p?.path);
      }
    }
  });

  it.each([
    ['644', 'Golf', ['Sports', 'Golf'], '607', 3],
    ['243', 'Automotive', ['Automotive'], null, 2],
    ['751', 'Puzzle Video Games', ['Video Gaming', 'Video Game Genres', 'Puzzle Video Games'], '738', 4],
    [
      '280',
      'Angel Investment',
      ['Business and Finance', 'Business', 'Business Banking & Finance', 'Angel Investment'],
      '279',
      5,
    ],
  ])('getInterest(%s)', (id, name, path, parentId, tier) => {
    expect(getInterest(id)).toEqual({ id, name, path, parentId, tier, sensitive: null });
  });

  it('is frozen', () => {
    expect(Object.isFrozen(INTERESTS)).toBe(true);
    expect(Object.isFrozen(INTERESTS[0])).toBe(true);
  });
});

describe('childrenOf', () => {
  it('lists top-level groups without sensitive ones by default', () => {
    const names = childrenOf(null).map((i) => i.name);
    expect(names).toContain('Sports');
    expect(names).not.toContain('Health and Medical Services');
    expect(names).not.toContain('News and Politics');
    expect(childrenOf(null, { includeSensitive: true }).map((i) => i.name)).toContain('News and Politics');
  });

  it.each([
    ['733', 5, 5],
    ['529', 0, 3],
    ['644', 0, 0],
    ['nope', 0, 0],
  ])('childrenOf(%s) has %i targetable / %i total', (id, targetable, total) => {
    expect(childrenOf(id)).toHaveLength(targetable);
    expect(childrenOf(id, { includeSensitive: true })).toHaveLength(total);
  });
});
