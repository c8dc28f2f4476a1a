import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApi } from '../../../test/render.tsx';
import CampaignsPage from './CampaignsPage.tsx';

function campaign(id: string, name: string, status: string, budgetAmount: number, startDate: string) {
  return {
    id,
    name,
    objective: 'AWARENESS',
    status,
    budgetType: 'DAILY',
    budgetAmount,
    currency: 'USD',
    cpmBid: 5,
    startDate,
    endDate: null,
    createdAt: '2030-01-01T00:00:00Z',
    updatedAt: '2030-01-01T00:00:00Z',
    sizing: {
      belowThreshold: false,
      lowerBound: 1200,
      upperBound: 1500,
      snapshotId: 's',
      takenAt: '2030-01-01T00:00:00Z',
    },
    savedAudience: { id: 'a1', name: 'Home cooks' },
    spec: { include: [['371']], exclude: [], countries: [], ageMin: 18, ageMax: null, recencyDays: 30 },
  };
}

const campaigns = [
  campaign('c1', 'Beta launch', 'DRAFT', 300, '2030-02-01'),
  campaign('c2', 'Alpha always-on', 'ACTIVE', 900, '2030-01-01'),
  campaign('c3', 'Gamma test', 'PAUSED', 50, '2030-03-01'),
];

function api(statusResult: () => { data?: unknown; errors?: unknown[] }) {
  return {
    Campaigns: (v: Record<string, unknown>) => ({
      data: {
        campaigns: {
          pageInfo: { hasNextPage: false, endCursor: null },
          edges: campaigns
            .filter((c) => !v.status || c.status === v.status)
            .map((node) => ({ cursor: node.id, node })),
        },
      },
    }),
    SetCampaignStatus: statusResult,
  };
}

const names = () => screen.getAllByTestId('campaign-row').map((r) => r.getAttribute('data-name'));

describe('campaigns table', () => {
  it('sorts by a column, both ways, and filters by name', async () => {
    renderWithApi(
      <CampaignsPage />,
      api(() => ({ data: null })),
    );
    await screen.findByTestId('campaigns-table');
    expect(names()).toEqual(['Gamma test', 'Beta launch', 'Alpha always-on']); // start date, newest first
    fireEvent.click(screen.getByTestId('sort-budget'));
    expect(names()).toEqual(['Gamma test', 'Beta launch', 'Alpha always-on']);
    fireEvent.click(screen.getByTestId('sort-budget'));
    expect(names()).toEqual(['Alpha always-on', 'Beta launch', 'Gamma test']);
    fireEvent.click(screen.getByTestId('sort-name'));
    expect(names()).toEqual(['Alpha always-on', 'Beta launch', 'Gamma test']);
    fireEvent.change(screen.getByTestId('campaign-filter'), { target: { value: 'gam' } });
    expect(names()).toEqual(['Gamma test']);
    fireEvent.change(screen.getByTestId('campaign-filter'), { target: { value: 'nothing like it' } });
    expect(screen.getByTestId('campaigns-empty').textContent).toMatch(/No campaign matches/);
    fireEvent.click(screen.getByTestId('campaigns-clear-filters'));
    expect(names()).toHaveLength(3);
  });

  it('says "no match", not "no campaigns yet", when a status filter leaves nothing', async () => {
    renderWithApi(
      <CampaignsPage />,
      api(() => ({ data: null })),
    );
    await screen.findByTestId('campaigns-table');
    fireEvent.click(screen.getByRole('radio', { name: 'Ended' }));
    const empty = await screen.findByTestId('campaigns-empty');
    expect(empty.textContent).toMatch(/No campaign matches/);
    fireEvent.click(screen.getByTestId('campaigns-clear-filters'));
    await screen.findByTestId('campaigns-table');
    expect(names()).toHaveLength(3);
  });

  it('offers to create the first campaign when there are none', async () => {
    renderWithApi(<CampaignsPage />, {
      Campaigns: () => ({
        data: { campaigns: { pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } },
      }),
    });
    const empty = await screen.findByTestId('campaigns-empty');
    expect(empty.textContent).toMatch(/No campaigns yet/);
    expect(screen.getByTestId('campaigns-empty-new').getAttribute('href')).toBe('#/campaigns/new');
  });

  it('offers the actions each status allows', async () => {
    renderWithApi(
      <CampaignsPage />,
      api(() => ({ data: null })),
    );
    await screen.findByTestId('campaigns-table');
    expect(screen.getByRole('button', { name: 'Launch Beta launch' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Pause Alpha always-on' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Resume Gamma test' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Launch Alpha always-on' })).toBeNull();
  });

  it('explains a launch refused with BELOW_THRESHOLD in plain words', async () => {
    const { calls } = renderWithApi(
      <CampaignsPage />,
      api(() => ({
        errors: [
          {
            message: 'The audience is below the 1,000 people a campaign needs to launch.',
            extensions: { code: 'BELOW_THRESHOLD' },
          },
        ],
      })),
    );
    await screen.findByTestId('campaigns-table');
    fireEvent.click(screen.getByRole('button', { name: 'Launch Beta launch' }));
    const alert = await screen.findByTestId('error-alert');
    expect(alert.getAttribute('data-code')).toBe('BELOW_THRESHOLD');
    expect(alert.textContent).toMatch(/Could not launch “Beta launch”/);
    expect(alert.textContent).toMatch(/too narrow/);
    await waitFor(() =>
      expect(calls.find((c) => c.operationName === 'SetCampaignStatus')?.variables).toEqual({
        id: 'c1',
        status: 'ACTIVE',
      }),
    );
  });
});
