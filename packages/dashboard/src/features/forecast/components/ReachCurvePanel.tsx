import {
  Alert,
  Button,
  Center,
  Group,
  Loader,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, lazy, Suspense, useState } from 'react';
import { hasErrorCode } from '../../../graphql/errors.ts';
import { Empty } from '../../../ui/Empty.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { formatCount, formatMoney, formatRange } from '../../../ui/format.ts';
import type { AudienceSpecInput } from '../../audiences/hooks/audienceDraft.ts';
import { flightDays, type ReachForecastVariables, useReachForecast } from '../hooks/useReachForecast.ts';

const ReachChart = lazy(() => import('./ReachChart.tsx'));

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper p="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

function isoDate(offsetDays: number): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return d.toISOString().slice(0, 10);
}

interface Props {
  spec: AudienceSpecInput;
  disabled: boolean;
}

/** Forecasts run on request (each distinct one spends privacy budget), not on every keystroke. */
export default function ReachCurvePanel({ spec, disabled }: Props) {
  const [budget, setBudget] = useState<number | string>(5000);
  const [cpm, setCpm] = useState<number | string>(8);
  const [start, setStart] = useState(isoDate(1));
  const [end, setEnd] = useState(isoDate(30));
  const [frequencyCap, setFrequencyCap] = useState<number | string>(3);
  const [submitted, setSubmitted] = useState<ReachForecastVariables | null>(null);
  const { forecast, fetching, error } = useReachForecast(submitted);
  const days = flightDays(start, end);
  const errors = {
    budget: Number(budget) > 0 ? null : 'Enter a budget above zero',
    cpm: Number(cpm) > 0 ? null : 'Enter a CPM above zero',
    end: days === null ? 'The end date must be on or after the start date' : null,
    frequencyCap: frequencyCap === '' || Number(frequencyCap) >= 1 ? null : 'At least 1, or leave empty',
  };
  const valid = Object.values(errors).every((e) => e === null);
  const stale = submitted !== null && JSON.stringify(submitted.spec) !== JSON.stringify(spec);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!valid || days === null || disabled) return;
    setSubmitted({
      spec,
      budget: Number(budget),
      cpm: Number(cpm),
      days,
      ...(frequencyCap === '' ? {} : { frequencyCap: Number(frequencyCap) }),
    });
  }

  return (
    <Stack gap="md" data-testid="reach-panel">
      <form onSubmit={submit} noValidate aria-label="Reach forecast">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 5 }} spacing="sm">
          <NumberInput
            label="Budget (USD)"
            min={1}
            value={budget}
            onChange={setBudget}
            error={errors.budget}
            thousandSeparator=","
            data-testid="reach-budget"
          />
          <NumberInput
            label="CPM (USD)"
            min={0.01}
            decimalScale={2}
            value={cpm}
            onChange={setCpm}
            error={errors.cpm}
            data-testid="reach-cpm"
          />
          <TextInput
            label="Start"
            type="date"
            value={start}
            onChange={(e) => setStart(e.currentTarget.value)}
          />
          <TextInput
            label="End"
            type="date"
            value={end}
            onChange={(e) => setEnd(e.currentTarget.value)}
            error={errors.end}
          />
          <NumberInput
            label="Frequency cap"
            min={1}
            max={50}
            value={frequencyCap}
            onChange={setFrequencyCap}
            error={errors.frequencyCap}
            placeholder="None"
          />
        </SimpleGrid>
        <Group mt="sm" gap="sm">
          <Button type="submit" disabled={disabled || !valid} loading={fetching} data-testid="reach-submit">
            {submitted ? 'Update forecast' : 'Forecast reach'}
          </Button>
          {disabled ? (
            <Text size="xs" c="dimmed">
              Add an interest first.
            </Text>
          ) : stale ? (
            <Text size="xs" c="dimmed">
              The audience changed since this forecast.
            </Text>
          ) : null}
        </Group>
      </form>
      {error && hasErrorCode(error, 'BELOW_THRESHOLD') ? (
        <Alert color="orange" title="Too narrow to forecast">
          Widen the audience to see a reach curve.
        </Alert>
      ) : error ? (
        <ErrorAlert error={error} title="Could not forecast reach" />
      ) : !submitted ? (
        <Empty title="No forecast yet">
          Set a budget, CPM, flight dates and a frequency cap, then forecast.
        </Empty>
      ) : fetching && !forecast ? (
        <Center py="lg">
          <Loader size="sm" aria-label="Loading forecast" />
        </Center>
      ) : forecast?.belowThreshold ? (
        <Alert color="orange" title="Too narrow to forecast" data-testid="reach-below-threshold">
          Widen the audience to see a reach curve.
        </Alert>
      ) : forecast && forecast.curve.length > 0 ? (
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <Stat
              label="Reach at this budget"
              value={formatRange(forecast.reachLowerBound, forecast.reachUpperBound)}
              testId="reach-total"
            />
            <Stat
              label="Average frequency"
              value={forecast.averageFrequency == null ? '—' : forecast.averageFrequency.toFixed(1)}
              testId="reach-frequency"
            />
            <Stat label="Impressions" value={formatCount(forecast.impressions)} testId="reach-impressions" />
          </SimpleGrid>
          <Suspense
            fallback={
              <Center h={300}>
                <Loader size="sm" aria-label="Loading chart" />
              </Center>
            }
          >
            <ReachChart points={forecast.curve} currency="USD" />
          </Suspense>
          <Table.ScrollContainer minWidth={320}>
            <Table fz="xs" striped aria-label="Reach by budget" data-testid="reach-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Spend</Table.Th>
                  <Table.Th>Impressions</Table.Th>
                  <Table.Th>Reach</Table.Th>
                  <Table.Th>Avg. frequency</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {forecast.curve.map((p, i) => (
                  <Table.Tr key={`${i}-${p.budget}`}>
                    <Table.Td>{formatMoney(p.budget, 'USD')}</Table.Td>
                    <Table.Td>{formatCount(p.impressions)}</Table.Td>
                    <Table.Td>{formatRange(p.reachLowerBound, p.reachUpperBound)}</Table.Td>
                    <Table.Td>{p.averageFrequency.toFixed(2)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      ) : (
        <Empty title="No forecast points">The API returned no points for this plan.</Empty>
      )}
    </Stack>
  );
}
