import { Button, Center, Stack } from '@mantine/core';
import type { CombinedError } from 'urql';
import { ErrorAlert } from './ErrorAlert.tsx';

interface Props {
  hasNextPage: boolean;
  loading: boolean;
  onLoadMore: () => void;
  label?: string;
  /** The last "load more" failed: said here, under the rows already loaded, and the button retries. */
  error?: CombinedError | undefined;
}

export function LoadMore({ hasNextPage, loading, onLoadMore, label = 'Load more', error }: Props) {
  if (!hasNextPage) return null;
  return (
    <Stack p="sm" gap="xs">
      {error ? <ErrorAlert error={error} title="Could not load more" /> : null}
      <Center>
        <Button
          variant="default"
          size="xs"
          loading={loading}
          onClick={onLoadMore}
          data-testid="load-more"
          data-error={error ? 'true' : undefined}
        >
          {error ? 'Try again' : label}
        </Button>
      </Center>
    </Stack>
  );
}
