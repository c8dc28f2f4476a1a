import { Box, Group, Stack, Text, Tooltip } from '@mantine/core';
import { formatRange } from '../../../ui/format.ts';
import type { Estimate } from '../hooks/useEstimate.ts';

type Cell = Estimate['byCountry'][number];

interface Props {
  title: string;
  /** Cells that passed the privacy threshold (the API sends no others). */
  cells: readonly Cell[];
  /** How many cells the API suppressed: counted, never shown. */
  hidden: number;
  labelFor?: (key: string) => string;
  testId: string;
}

/**
 * One bar per cell, drawn from the API's own bounds (solid to the lower bound, pale to the
 * upper bound). Suppressed cells are only counted.
 */
export function BreakdownBars({ title, cells, hidden, labelFor, testId }: Props) {
  const max = Math.max(1, ...cells.map((c) => c.upperBound));
  return (
    <Stack gap={6} data-testid={testId}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {cells.length === 0 ? (
        <Text size="sm" c="dimmed">
          No cell is large enough to show.
        </Text>
      ) : (
        <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {cells.map((cell) => {
            const label = labelFor ? labelFor(cell.key) : cell.key;
            const range = formatRange(cell.lowerBound, cell.upperBound);
            return (
              <Group key={cell.key} component="li" gap="xs" wrap="nowrap" aria-label={`${label}: ${range}`}>
                <Text size="xs" w={96} truncate title={label}>
                  {label}
                </Text>
                <Tooltip label={range} withArrow>
                  <Box
                    flex={1}
                    h={10}
                    bg="gray.1"
                    style={{ borderRadius: 4, position: 'relative', overflow: 'hidden' }}
                    aria-hidden
                  >
                    <Box
                      h="100%"
                      bg="indigo.2"
                      style={{ position: 'absolute', width: `${(cell.upperBound / max) * 100}%` }}
                    />
                    <Box
                      h="100%"
                      bg="indigo.6"
                      style={{ position: 'absolute', width: `${(cell.lowerBound / max) * 100}%` }}
                    />
                  </Box>
                </Tooltip>
                <Text size="xs" c="dimmed" w={92} ta="right">
                  {range}
                </Text>
              </Group>
            );
          })}
        </Stack>
      )}
      {hidden > 0 ? (
        <Text size="xs" c="dimmed" data-testid={`${testId}-hidden`}>
          {hidden} {hidden === 1 ? 'cell' : 'cells'} hidden for privacy
        </Text>
      ) : null}
    </Stack>
  );
}
