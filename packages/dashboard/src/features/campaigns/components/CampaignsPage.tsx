import {
  Anchor,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useState } from 'react';
import type { CombinedError } from 'urql';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { LoadMore } from '../../../ui/LoadMore.tsx';
import { type EmptyState, QueryState } from '../../../ui/QueryState.tsx';
import { formatDate, formatMoney } from '../../../ui/format.ts';
import { routeHref } from '../../../ui/router.ts';
import { SizingBadge } from '../../../ui/SizingBadge.tsx';
import { filterCampaigns, type Sort, type SortKey, sortCampaigns } from '../hooks/sortCampaigns.ts';
import {
  type Campaign,
  type CampaignStatus,
  STATUS_ACTIONS,
  useCampaigns,
  useSetCampaignStatus,
} from '../hooks/useCampaigns.ts';
import { StatusBadge } from './StatusBadge.tsx';

const FILTERS = [
  { value: 'ALL', label: 'All' },
  { value: 'DRAFT', label: 'Draft' },
  { value: 'ACTIVE', label: 'Active' },
  { value: 'PAUSED', label: 'Paused' },
  { value: 'ENDED', label: 'Ended' },
];

function SortHeader({
  label,
  k,
  sort,
  onSort,
}: {
  label: string;
  k: SortKey;
  sort: Sort;
  onSort: (k: SortKey) => void;
}) {
  const active = sort.key === k;
  return (
    <Table.Th aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton onClick={() => onSort(k)} fw={600} fz="sm" data-testid={`sort-${k}`}>
        {label}{' '}
        {active ? (
          sort.direction === 'asc' ? (
            '▲'
          ) : (
            '▼'
          )
        ) : (
          <Text span c="dimmed" fz="xs">
            ↕
          </Text>
        )}
      </UnstyledButton>
    </Table.Th>
  );
}

const NO_CAMPAIGNS: EmptyState = {
  title: 'No campaigns yet',
  text: 'Create a campaign from a saved audience or one built inline.',
  action: (
    <Button
      variant="light"
      component="a"
      href={routeHref({ name: 'campaign', campaignId: 'new' })}
      data-testid="campaigns-empty-new"
    >
      Create a campaign
    </Button>
  ),
  testId: 'campaigns-empty',
};

const noMatch = (clear: () => void): EmptyState => ({
  title: 'No campaign matches these filters',
  text: 'Clear the filters to see every campaign.',
  action: (
    <Button variant="light" onClick={clear} data-testid="campaigns-clear-filters">
      Clear filters
    </Button>
  ),
  testId: 'campaigns-empty',
});

export default function CampaignsPage() {
  const [status, setStatus] = useState<string>('ALL');
  const [text, setText] = useState('');
  const [sort, setSort] = useState<Sort>({ key: 'startDate', direction: 'desc' });
  const { campaigns, fetching, error, refetch, hasNextPage, loadingMore, loadMore, moreError } = useCampaigns(
    status === 'ALL' ? null : (status as CampaignStatus),
  );
  const [statusState, setCampaignStatus] = useSetCampaignStatus();
  const [actionError, setActionError] = useState<{
    name: string;
    action: string;
    error: CombinedError;
  } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const onSort = (key: SortKey) =>
    setSort((s) =>
      s.key === key ? { key, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: 'asc' },
    );

  async function act(c: Campaign, label: string, to: CampaignStatus) {
    setBusy(c.id);
    setActionError(null);
    const result = await setCampaignStatus({ id: c.id, status: to });
    setBusy(null);
    if (result.error) setActionError({ name: c.name, action: label.toLowerCase(), error: result.error });
    else refetch();
  }

  const clearFilters = () => {
    setStatus('ALL');
    setText('');
  };

  const rows = sortCampaigns(filterCampaigns(campaigns, text), sort);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Campaigns</Title>
          <Text c="dimmed" size="sm">
            Launching needs an estimated audience of at least 1,000 people and a valid schedule.
          </Text>
        </div>
        <Button
          component="a"
          href={routeHref({ name: 'campaign', campaignId: 'new' })}
          data-testid="new-campaign"
        >
          New campaign
        </Button>
      </Group>
      <Group gap="sm" wrap="wrap">
        <SegmentedControl
          value={status}
          onChange={setStatus}
          data={FILTERS}
          aria-label="Filter by status"
          size="xs"
          data-testid="status-filter"
        />
        <TextInput
          placeholder="Filter by name or audience"
          aria-label="Filter by name or audience"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          size="xs"
          w={{ base: '100%', xs: 260 }}
          data-testid="campaign-filter"
        />
      </Group>
      {actionError ? (
        <ErrorAlert
          error={actionError.error}
          title={`Could not ${actionError.action} “${actionError.name}”`}
        />
      ) : null}
      <Paper p={0}>
        <QueryState
          error={error}
          fetching={fetching}
          onRetry={refetch}
          loadingLabel="Loading campaigns"
          empty={
            rows.length === 0 &&
            // With a status filter the server sends only matching campaigns: an empty list then
            // says nothing about whether any exist.
            (campaigns.length === 0 && status === 'ALL' ? NO_CAMPAIGNS : noMatch(clearFilters))
          }
        >
          <Table.ScrollContainer minWidth={880}>
            <Table highlightOnHover verticalSpacing="sm" data-testid="campaigns-table">
              <Table.Thead>
                <Table.Tr>
                  <SortHeader label="Name" k="name" sort={sort} onSort={onSort} />
                  <SortHeader label="Status" k="status" sort={sort} onSort={onSort} />
                  <SortHeader label="Budget" k="budget" sort={sort} onSort={onSort} />
                  <SortHeader label="Start" k="startDate" sort={sort} onSort={onSort} />
                  <SortHeader label="End" k="endDate" sort={sort} onSort={onSort} />
                  <SortHeader label="Audience size" k="size" sort={sort} onSort={onSort} />
                  <Table.Th>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((c) => (
                  <Table.Tr key={c.id} data-testid="campaign-row" data-name={c.name}>
                    <Table.Td>
                      <Anchor href={routeHref({ name: 'campaign', campaignId: c.id })} fw={500}>
                        {c.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {c.objective.toLowerCase()} ·{' '}
                        {c.savedAudience ? c.savedAudience.name : 'inline audience'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={c.status} />
                    </Table.Td>
                    <Table.Td>
                      {formatMoney(c.budgetAmount, c.currency)}
                      <Text size="xs" c="dimmed">
                        {c.budgetType === 'DAILY' ? 'per day' : 'lifetime'} · CPM{' '}
                        {formatMoney(c.cpmBid, c.currency)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{formatDate(c.startDate)}</Table.Td>
                    <Table.Td>{formatDate(c.endDate)}</Table.Td>
                    <Table.Td>
                      <SizingBadge sizing={c.sizing} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {STATUS_ACTIONS[c.status].map((a) => (
                          <Button
                            key={a.to}
                            size="compact-xs"
                            variant="light"
                            color={a.color}
                            loading={busy === c.id && statusState.fetching}
                            onClick={() => act(c, a.label, a.to)}
                            aria-label={`${a.label} ${c.name}`}
                            data-testid={`campaign-${a.label.toLowerCase()}`}
                          >
                            {a.label}
                          </Button>
                        ))}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </QueryState>
        {campaigns.length > 0 && (
          <LoadMore
            hasNextPage={hasNextPage}
            loading={loadingMore}
            onLoadMore={loadMore}
            error={moreError}
            label="Load more campaigns"
          />
        )}
      </Paper>
    </Stack>
  );
}
