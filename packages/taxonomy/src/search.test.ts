import { describe, expect, it } from 'vitest';
import { searchInterests } from './index.js';

const ids = (q: string, opts?: { limit?: number; includeSensitive?: boolean }) =>
  searchInterests(q, opts).map((i) => i.id);

describe('searchInterests', () => {
  it.each([
    ['golf', '644'],
    ['GOLF', '644'],
    ['  Golf  ', '644'],
    ['cat', '543'],
    ['cats', '543'],
    ['kitten', '543'],
    ['puppies', '544'],
    ['Opéra', '366'],
    ['reptile', '549'],
    ['nfl', '608'],
    ['rock music', '504'],
    ['hip-hop', '497'],
  ])('%s → %s first', (q, first) => {
    expect(ids(q)[0]).toBe(first);
  });

  it('ranks exact > prefix > word match', () => {
    const r = ids('rock');
    expect(r.indexOf('504')).toBeLessThan(r.indexOf('506'));
    const travel = searchInterests('travel').map((i) => i.name);
    expect(travel[0]).toBe('Travel');
    expect(travel).toContain('Beach Travel');
  });

  it('is plural-insensitive across words', () => {
    expect(ids('comedies')).toEqual(expect.arrayContaining(['470', '709', '492']));
  });

  it('finds a name by its prefix (type-ahead)', () => {
    expect(ids('basketb')).toContain('614');
  });

  it('excludes sensitive nodes unless asked', () => {
    expect(ids('politics')).toEqual([]);
    expect(ids('politics', { includeSensitive: true })).toContain('529');
    expect(ids('smoking cessation')).toEqual([]);
  });

  it('honours limit and ignores empty queries', () => {
    expect(ids('music', { limit: 3 })).toHaveLength(3);
    expect(ids('')).toEqual([]);
    expect(ids('   !!! ')).toEqual([]);
  });

  it('is deterministic', () => {
    expect(ids('games')).toEqual(ids('games'));
  });
});
