import { Button, Center } from '@mantine/core';

interface Props {
  hasNextPage: boolean;
  loading: boolean;
  onLoadMore: () => void;
  label?: string;
}

export function LoadMore({ hasNextPage, loading, onLoadMore, label = 'Load more' }: Props) {
  if (!hasNextPage) return null;
  return (
    <Center p="sm">
      <Button variant="default" size="xs" loading={loading} onClick={onLoadMore} data-testid="load-more">
        {label}
      </Button>
    </Center>
  );
}
