import { Alert, Button, Group, Text } from '@mantine/core';
import type { CombinedError } from 'urql';
import { describeError } from '../graphql/errors.ts';

interface Props {
  error: CombinedError;
  title?: string;
  onRetry?: () => void;
}

/** An error in plain words, chosen by `extensions.code` (never the raw message of an internal error). */
export function ErrorAlert({ error, title, onRetry }: Props) {
  const shown = describeError(error);
  return (
    <Alert
      color="red"
      variant="light"
      title={title ?? 'Could not complete the request'}
      data-testid="error-alert"
      data-code={shown.code}
    >
      <Text size="sm">{shown.message}</Text>
      {shown.detail ? (
        <Text size="xs" c="dimmed" mt={4}>
          {shown.detail}
        </Text>
      ) : null}
      {shown.retryAfterSeconds ? (
        <Text size="xs" c="dimmed" mt={4}>
          Try again in {shown.retryAfterSeconds} s.
        </Text>
      ) : null}
      {onRetry ? (
        <Group mt="xs">
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            Try again
          </Button>
        </Group>
      ) : null}
    </Alert>
  );
}
