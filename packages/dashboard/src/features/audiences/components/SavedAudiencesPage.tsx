import { Anchor, Button, Center, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Empty } from '../../../ui/Empty.tsx';
import { LoadMore } from '../../../ui/LoadMore.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { formatDate } from '../../../ui/format.ts';
import { routeHref } from '../../../ui/router.ts';
import { SizingBadge } from '../../../ui/SizingBadge.tsx';
import { useMemo } from 'react';
import { specIds } from '../hooks/audienceDraft.ts';
import { useResolvedInterests } from '../hooks/useResolvedInterests.ts';
import { useSavedAudiences } from '../hooks/useSavedAudiences.ts';

export default function SavedAudiencesPage() {
  const { audiences, fetching, error, refetch, hasNextPage, loadingMore, loadMore } = useSavedAudiences();
  const ids = useMemo(() => audiences.flatMap((a) => specIds(a.spec)), [audiences]);
  const names = useResolvedInterests(ids);
  const name = (id: string) => names.resolve(id)?.name ?? 'unavailable interest';
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Saved audiences</Title>
          <Text c="dimmed" size="sm">
            Reopen one to edit it; sizing shows what it was when saved.
          </Text>
        </div>
        <Button component="a" href={routeHref({ name: 'audiences' })}>
          New audience
        </Button>
      </Group>
      <Paper p={0}>
        {error ? (
          <ErrorAlert error={error} onRetry={refetch} />
        ) : fetching ? (
          <Center py="xl">
            <Loader aria-label="Loading saved audiences" />
          </Center>
        ) : audiences.length === 0 ? (
          <Empty title="No saved audiences yet" testId="saved-empty">
            Build an audience and save it to reuse it in campaigns.
          </Empty>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table highlightOnHover verticalSpacing="sm" data-testid="saved-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Interests</Table.Th>
                  <Table.Th>Size when saved</Table.Th>
                  <Table.Th>Updated</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {audiences.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Anchor href={routeHref({ name: 'audiences', audienceId: a.id })} fw={500}>
                        {a.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {a.spec.include.map((g) => g.map(name).join(' or ')).join(' AND ')}
                        {a.spec.exclude.length ? ` · not ${a.spec.exclude.map(name).join(', ')}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <SizingBadge sizing={a.sizing} />
                    </Table.Td>
                    <Table.Td>{formatDate(a.updatedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {audiences.length > 0 && (
          <LoadMore hasNextPage={hasNextPage} loading={loadingMore} onLoadMore={loadMore} />
        )}
      </Paper>
    </Stack>
  );
}
