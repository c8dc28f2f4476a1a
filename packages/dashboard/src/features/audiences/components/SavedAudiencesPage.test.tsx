import { fireEvent, screen, waitFor, within } from '@testing-library/react';
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

  it('keeps the loaded rows when "load more" fails, says why beside the button, and retries', async () => {
    const page = (id: string, name: string, hasNextPage: boolean) => ({
      data: {
        audiences: {
          pageInfo: { hasNextPage, endCursor: hasNextPage ? id : null },
          edges: [{ cursor: id, node: { ...audience, id, name } }],
        },
      },
    });
    let failNext = true;
    const { calls } = renderWithApi(<SavedAudiencesPage />, {
      SavedAudiences: (v) => {
        if (!v.after) return page('a1', 'Weekend makers', true);
        if (failNext) {
          failNext = false;
          return {
            errors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 3 } }],
          };
        }
        return page('a2', 'Night owls', false);
      },
    });
    await screen.findByText('Weekend makers');
    fireEvent.click(screen.getByTestId('load-more'));

    const alert = await screen.findByTestId('error-alert');
    expect(alert.getAttribute('data-code')).toBe('RATE_LIMITED');
    expect(alert.textContent).toContain('Could not load more');
    expect(alert.textContent).not.toContain('slow down');
    // The first page is still on screen, and the error sits with the button, which now retries.
    expect(within(screen.getByTestId('saved-table')).getByText('Weekend makers')).toBeTruthy();
    const retry = screen.getByTestId('load-more');
    expect(retry.textContent).toBe('Try again');

    fireEvent.click(retry);
    await screen.findByText('Night owls');
    expect(screen.getByText('Weekend makers')).toBeTruthy();
    expect(screen.queryByTestId('error-alert')).toBeNull();
    expect(screen.queryByTestId('load-more')).toBeNull(); // that was the last page
    expect(calls.map((c) => c.variables.after ?? null)).toEqual([null, 'a1', 'a1']);
  });

  it('shows the full error state, with a retry, when the first page fails', async () => {
    let fail = true;
    renderWithApi(<SavedAudiencesPage />, {
      SavedAudiences: () =>
        fail
          ? { errors: [{ message: 'internal words', extensions: { code: 'FORBIDDEN' } }] }
          : {
              data: {
                audiences: {
                  pageInfo: { hasNextPage: false, endCursor: null },
                  edges: [{ cursor: 'a1', node: audience }],
                },
              },
            },
    });
    const alert = await screen.findByTestId('error-alert');
    expect(alert.getAttribute('data-code')).toBe('FORBIDDEN');
    expect(screen.queryByTestId('saved-table')).toBeNull();
    expect(screen.queryByTestId('saved-empty')).toBeNull();
    expect(screen.queryByTestId('load-more')).toBeNull();
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getByTestId('saved-table').textContent).toContain('Weekend makers'));
    expect(screen.queryByTestId('error-alert')).toBeNull();
  });
});
