import { describe, expect, it } from 'vitest';
import {
  type AudienceDraft,
  draftFromSpec,
  draftReducer,
  EMPTY_DRAFT,
  isSizeable,
  MAX_GROUPS,
  MAX_INTERESTS,
  toSpecInput,
} from './audienceDraft.ts';

const hiking = { id: 'i-hiking', name: 'Hiking', path: ['Sports', 'Hiking'] };
const camping = { id: 'i-camping', name: 'Camping', path: ['Travel', 'Camping'] };
const golf = { id: 'i-golf', name: 'Golf', path: ['Sports', 'Golf'] };

function apply(...actions: Parameters<typeof draftReducer>[1][]): AudienceDraft {
  return actions.reduce(draftReducer, EMPTY_DRAFT);
}

describe('audience draft', () => {
  it('builds AND-groups of OR-interests plus exclusions, ids only', () => {
    const d = apply(
      { type: 'add', target: 0, interest: hiking },
      { type: 'add', target: 0, interest: camping },
      { type: 'addGroup' },
      { type: 'add', target: 1, interest: golf },
      { type: 'add', target: 'exclude', interest: { id: 'i-x', name: 'X', path: ['X'] } },
      { type: 'countries', countries: ['US', 'CA'] },
      { type: 'age', ageMin: 25, ageMax: 44 },
      { type: 'recency', recencyDays: 7 },
    );
    expect(toSpecInput(d)).toEqual({
      include: [['i-hiking', 'i-camping'], ['i-golf']],
      exclude: ['i-x'],
      countries: ['US', 'CA'],
      ageMin: 25,
      ageMax: 44,
      recencyDays: 7,
    });
  });

  it('ignores duplicates within a group and drops empty groups from the spec', () => {
    const d = apply(
      { type: 'add', target: 0, interest: hiking },
      { type: 'add', target: 0, interest: hiking },
      { type: 'addGroup' },
    );
    expect(d.groups[0]).toHaveLength(1);
    expect(toSpecInput(d).include).toEqual([['i-hiking']]);
  });

  it('is not sizeable until something is included (exclusions alone are not an audience)', () => {
    expect(isSizeable(EMPTY_DRAFT)).toBe(false);
    expect(isSizeable(apply({ type: 'add', target: 'exclude', interest: golf }))).toBe(false);
    expect(isSizeable(apply({ type: 'add', target: 0, interest: golf }))).toBe(true);
  });

  it('caps groups and interests at the server defaults', () => {
    let d = EMPTY_DRAFT;
    for (let i = 0; i < 10; i++) d = draftReducer(d, { type: 'addGroup' });
    expect(d.groups).toHaveLength(MAX_GROUPS);
    for (let i = 0; i < MAX_INTERESTS + 5; i++)
      d = draftReducer(d, { type: 'add', target: 0, interest: { id: `i${i}`, name: `I${i}`, path: [] } });
    expect(d.groups[0]).toHaveLength(MAX_INTERESTS);
  });

  it('sends no upper age at 65+ and keeps min ≤ max', () => {
    expect(toSpecInput(apply({ type: 'age', ageMin: 30, ageMax: 65 })).ageMax).toBeNull();
    const d = apply({ type: 'age', ageMin: 40, ageMax: 30 });
    expect(d.ageMin).toBe(40);
    expect(d.ageMax).toBe(40);
    expect(apply({ type: 'age', ageMin: 10, ageMax: 20 }).ageMin).toBe(18);
  });

  it('removing the last group leaves one empty group', () => {
    const d = apply({ type: 'add', target: 0, interest: golf }, { type: 'removeGroup', index: 0 });
    expect(d.groups).toEqual([[]]);
  });

  it('reopens a saved spec for editing, naming each id', () => {
    const names = new Map([hiking, camping, golf].map((i) => [i.id, i]));
    const d = draftFromSpec(
      {
        include: [['i-hiking'], ['i-golf', 'i-camping']],
        exclude: [],
        countries: ['US'],
        ageMin: 21,
        ageMax: null,
        recencyDays: 90,
      },
      (id) => names.get(id) ?? null,
    );
    expect(d.groups[1]?.map((i) => i.name)).toEqual(['Golf', 'Camping']);
    expect(toSpecInput(d)).toEqual({
      include: [['i-hiking'], ['i-golf', 'i-camping']],
      exclude: [],
      countries: ['US'],
      ageMin: 21,
      ageMax: null,
      recencyDays: 90,
    });
  });

  it('drops ids the API will not name (unknown or sensitive) when reopening', () => {
    const d = draftFromSpec(
      { include: [['i-hiking', 'i-sensitive'], ['i-sensitive']], exclude: ['i-sensitive'], countries: [] },
      (id) => (id === 'i-hiking' ? hiking : null),
    );
    expect(toSpecInput(d).include).toEqual([['i-hiking']]);
    expect(d.exclude).toEqual([]);
  });
});
