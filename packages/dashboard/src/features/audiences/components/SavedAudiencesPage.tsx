import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { LoadMore } from '../../../ui/LoadMore.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { formatDate } from '../../../ui/format.ts';
import { routeHref } from '../../../ui/router.ts';
import { SizingBadge } from '../../../ui/SizingBadge.tsx';
import { interestResolver } from '../hooks/specInterests.ts';
import { type SavedAudience, useSavedAudiences } from '../hooks/useSavedAudiences.ts';

/** "Cooking or Baking AND Travel · not Golf": the names come with the list, no lookup per id. */
function describeSpec(spec: SavedAudience['spec']): string {
  const resolve = interestResolver(spec);
  const name = (id: string) => resolve(id)?.name ?? 'unavailable interest';
  const include = spec.include.map((g) => g.map(name).join(' or ')).join(' AND ');
  return spec.exclude.length ? `${include} · not ${spec.exclude.map(name).join(', ')}` : include;
}

export default function SavedAudiencesPage() {
  const { audiences, fetching, error, refetch, hasNextPage, loadingMore, loadMore, moreError } =
    useSavedAudiences();
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
        <QueryState
          error={error}
          fetching={fetching}
          onRetry={refetch}
          loadingLabel="Loading saved audiences"
          empty={
            audiences.length === 0 && {
              title: 'No saved audiences yet',
              text: 'Build an audience and save it to reuse it in campaigns.',
              action: (
                <Button
                  variant="light"
                  component="a"
                  href={routeHref({ name: 'audiences' })}
                  data-testid="saved-empty-build"
                >
                  Build an audience
                </Button>
              ),
              testId: 'saved-empty',
            }
          }
        >
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
                        {describeSpec(a.spec)}
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
        </QueryState>
        {audiences.length > 0 && (
          <LoadMore hasNextPage={hasNextPage} loading={loadingMore} onLoadMore={loadMore} error={moreError} />
        )}
      </Paper>
    </Stack>
  );
}
