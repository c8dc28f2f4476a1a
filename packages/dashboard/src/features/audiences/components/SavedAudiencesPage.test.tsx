import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApi } from '../../../test/render.tsx';
import SavedAudiencesPage from './SavedAudiencesPage.tsx';

const interest = (id: string, name: string) => ({ id, name, path: ['Hobbies', name] });

const audience = {
  id: 'a1',
  name: 'Weekend makers',
  createdAt: '2030-01-01T00:00:00Z',
  updatedAt: '2030-01-02T00:00:00Z',
  sizing: {
    belowThreshold: false,
    lowerBound: 1200,
    upperBound: 1500,
    snapshotId: 's',
    takenAt: '2030-01-02T00:00:00Z',
  },
  spec: {
    // '999' is no longer targetable: the server leaves it out of includeInterests.
    include: [
      ['1', '2'],
      ['3', '999'],
    ],
    exclude: ['4'],
    countries: [],
    ageMin: 18,
    ageMax: null,
    recencyDays: 30,
    includeInterests: [[interest('1', 'Woodworking'), interest('2', 'Pottery')], [interest('3', 'Travel')]],
    excludeInterests: [interest('4', 'Golf')],
  },
};

describe('saved audiences', () => {
  it('names every interest from the list query itself, with no lookup per interest', async () => {
    const { calls } = renderWithApi(<SavedAudiencesPage />, {
      SavedAudiences: () => ({
        data: {
          audiences: {
            pageInfo: { hasNextPage: false, endCursor: null },
            edges: [{ cursor: 'a1', node: audience }],
          },
        },
      }),
    });
    const table = await screen.findByTestId('saved-table');
    expect(table.textContent).toContain(
      'Woodworking or Pottery AND Travel or unavailable interest · not Golf',
    );
    expect(calls.map((c) => c.operationName)).toEqual(['SavedAudiences']);
  });

  it('offers to build the first audience when there are none', async () => {
    renderWithApi(<SavedAudiencesPage />, {
      SavedAudiences: () => ({
        data: { audiences: { pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } },
      }),
    });
    await screen.findByTestId('saved-empty');
    expect(screen.getByTestId('saved-empty-build').getAttribute('href')).toBe('#/audiences');
  });
});
