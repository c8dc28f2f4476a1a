import { Badge, Text, Tooltip } from '@mantine/core';
import { formatDateTime, formatRange } from './format.ts';

interface Sizing {
  belowThreshold: boolean;
  lowerBound?: number | null;
  upperBound?: number | null;
  takenAt: string;
}

/** Sizing as it was when saved: the API's range and when it was taken, never recomputed. */
export function SizingBadge({ sizing }: { sizing: Sizing | null | undefined }) {
  if (!sizing)
    return (
      <Text size="sm" c="dimmed">
        Not sized
      </Text>
    );
  return (
    <Tooltip label={`Sized ${formatDateTime(sizing.takenAt)}`} withArrow>
      {sizing.belowThreshold ? (
        <Badge color="orange" variant="light">
          Too narrow
        </Badge>
      ) : (
        <Badge color="indigo" variant="light" style={{ textTransform: 'none' }}>
          {formatRange(sizing.lowerBound, sizing.upperBound)}
        </Badge>
      )}
    </Tooltip>
  );
}
