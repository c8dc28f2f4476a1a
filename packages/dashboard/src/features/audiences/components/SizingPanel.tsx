import { Alert, Badge, Group, Loader, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { errorCode, messageForCode } from '../../../graphql/errors.ts';
import { Empty } from '../../../ui/Empty.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { formatRange } from '../../../ui/format.ts';
import type { EstimateState } from '../hooks/useEstimate.ts';
import { BreakdownBars } from './BreakdownBars.tsx';

interface Props {
  state: EstimateState;
  countryName?: (code: string) => string;
}

function TooNarrow() {
  return (
    <Alert
      color="orange"
      variant="light"
      title="Too narrow to estimate"
      data-testid="estimate-below-threshold"
    >
      Fewer people match than Parlance will ever report on, so there is no number to show. Widen the audience:
      add interests to a group, remove an exclusion, or include more countries or ages.
    </Alert>
  );
}

/** The estimate as the API sent it, and every state around it. */
export function SizingPanel({ state, countryName }: Props) {
  const { estimate, error, updating, empty } = state;
  const code = error ? errorCode(error) : null;
  let body: React.ReactNode;
  if (empty) {
    body = (
      <Empty title="No audience yet" testId="estimate-empty">
        Search for an interest or browse the categories to start; the estimated reach appears here.
      </Empty>
    );
  } else if (error && code === 'BELOW_THRESHOLD') {
    body = <TooNarrow />;
  } else if (error && code === 'PRIVACY_BUDGET_EXHAUSTED') {
    body = (
      <Alert
        color="yellow"
        variant="light"
        title="Privacy budget used up for today"
        data-testid="budget-exhausted"
      >
        {messageForCode('PRIVACY_BUDGET_EXHAUSTED')}
      </Alert>
    );
  } else if (error) {
    body = <ErrorAlert error={error} title="Could not size this audience" />;
  } else if (!estimate) {
    body = (
      <Stack gap="xs" aria-busy="true" aria-label="Loading estimate">
        <Skeleton h={36} w="60%" />
        <Skeleton h={12} />
        <Skeleton h={12} w="80%" />
      </Stack>
    );
  } else if (estimate.belowThreshold) {
    body = <TooNarrow />;
  } else {
    const hidden = estimate.countryCellsHidden + estimate.ageBandCellsHidden;
    body = (
      <Stack gap="md">
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Estimated reach
          </Text>
          <Text fz={32} fw={700} lh={1.2} data-testid="estimate-range">
            {formatRange(estimate.lowerBound, estimate.upperBound)}
          </Text>
          <Text size="xs" c="dimmed">
            people, rounded and noised for privacy{hidden > 0 ? ` · ${hidden} cells hidden for privacy` : ''}
          </Text>
        </div>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <BreakdownBars
            title="By country"
            cells={estimate.byCountry}
            hidden={estimate.countryCellsHidden}
            labelFor={countryName}
            testId="breakdown-country"
          />
          <BreakdownBars
            title="By age band"
            cells={estimate.byAgeBand}
            hidden={estimate.ageBandCellsHidden}
            testId="breakdown-age"
          />
        </SimpleGrid>
      </Stack>
    );
  }

  return (
    <Paper p="md" data-testid="sizing-panel" aria-labelledby="sizing-title">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2} size="h5" id="sizing-title">
          Live sizing
        </Title>
        <Group gap="xs" wrap="nowrap">
          <span aria-live="polite">
            {updating && !empty ? (
              <Group gap={4} wrap="nowrap" data-testid="estimate-updating">
                <Loader size={12} />
                <Text size="xs" c="dimmed">
                  Updating…
                </Text>
              </Group>
            ) : null}
          </span>
          {estimate ? (
            <Badge
              tt="none"
              variant="light"
              color={estimate.privacyBudgetRemaining > 2 ? 'gray' : 'yellow'}
              data-testid="privacy-budget"
            >
              Privacy budget left: {estimate.privacyBudgetRemaining.toFixed(1)} ε
            </Badge>
          ) : null}
        </Group>
      </Group>
      {body}
    </Paper>
  );
}
