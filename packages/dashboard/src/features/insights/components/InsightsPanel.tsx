import { Alert, Button, Center, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { hasErrorCode } from '../../../graphql/errors.ts';
import { Empty } from '../../../ui/Empty.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { formatRange } from '../../../ui/format.ts';
import type { AudienceSpecInput, ChipInterest } from '../../audiences/hooks/audienceDraft.ts';
import { useInsights } from '../hooks/useInsights.ts';

const AffinityChart = lazy(() => import('./AffinityChart.tsx'));

interface Props {
  spec: AudienceSpecInput;
  disabled: boolean;
  onAdd: (interest: ChipInterest) => void;
}

/** Related interests, on request (each distinct question spends privacy budget). */
export default function InsightsPanel({ spec, disabled, onAdd }: Props) {
  const [asked, setAsked] = useState<AudienceSpecInput | null>(null);
  const { insights, fetching, error, ran } = useInsights(asked);
  const [added, setAdded] = useState<ReadonlySet<string>>(new Set());
  const stale = asked !== null && JSON.stringify(asked) !== JSON.stringify(spec);
  const add = (interest: ChipInterest) => {
    onAdd(interest);
    setAdded((s) => new Set(s).add(interest.id));
  };

  return (
    <Stack gap="md" data-testid="insights-panel">
      <Group gap="sm">
        <Button
          onClick={() => setAsked(spec)}
          disabled={disabled}
          loading={fetching}
          data-testid="insights-submit"
        >
          {asked ? 'Refresh related interests' : 'Find related interests'}
        </Button>
        {stale ? (
          <Text size="xs" c="dimmed">
            The audience changed since these were found.
          </Text>
        ) : null}
      </Group>
      {error && hasErrorCode(error, 'BELOW_THRESHOLD') ? (
        <Alert color="orange" title="Too narrow for insights">
          Widen the audience to see related interests.
        </Alert>
      ) : error ? (
        <ErrorAlert error={error} title="Could not load related interests" />
      ) : !asked ? (
        <Empty title="Discover related interests">
          See which interests are unusually common in this audience, and add them with one click.
        </Empty>
      ) : fetching && !ran ? (
        <Center py="lg">
          <Loader size="sm" aria-label="Loading related interests" />
        </Center>
      ) : insights.length === 0 ? (
        <Empty title="No related interest is common enough to show">
          Related interests appear only when enough people share them.
        </Empty>
      ) : (
        <>
          <Suspense fallback={<Loader size="sm" aria-label="Loading chart" />}>
            <AffinityChart insights={insights} onPick={(item) => add(item.interest)} />
          </Suspense>
          <Table fz="sm" aria-label="Related interests">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Interest</Table.Th>
                <Table.Th title="100 = as common as in the whole population">Affinity index</Table.Th>
                <Table.Th>In this audience</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {insights.map((item) => (
                <Table.Tr key={item.interest.id}>
                  <Table.Td>
                    <Text size="sm">{item.interest.name}</Text>
                    <Text size="xs" c="dimmed">
                      {item.interest.path.join(' › ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>{item.affinityIndex.toFixed(0)}</Table.Td>
                  <Table.Td>{formatRange(item.overlapLowerBound, item.overlapUpperBound)}</Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="compact-xs"
                      variant="light"
                      disabled={added.has(item.interest.id)}
                      onClick={() => add(item.interest)}
                      aria-label={`Add ${item.interest.name} to the audience`}
                      data-testid="insight-add"
                    >
                      {added.has(item.interest.id) ? 'Added' : 'Add'}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
