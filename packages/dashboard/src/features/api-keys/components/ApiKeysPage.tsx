import { Alert, Badge, Button, Code, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { LoadMore } from '../../../ui/LoadMore.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { formatDate, formatDateTime } from '../../../ui/format.ts';
import { type ApiKey, scopeCode, useApiKeys, useRevokeApiKey } from '../hooks/useApiKeys.ts';
import { CreateKeyModal } from './CreateKeyModal.tsx';

export default function ApiKeysPage({ isAdmin }: { isAdmin: boolean }) {
  const { keys, fetching, error, refetch, hasNextPage, loadingMore, loadMore, moreError } = useApiKeys(
    !isAdmin,
  );
  const [createOpened, createModal] = useDisclosure(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [revokeState, revoke] = useRevokeApiKey();
  // Revocations confirmed by the API show at once, before the list is fetched again.
  const [revokedNow, setRevokedNow] = useState<ReadonlyMap<string, string>>(new Map());

  if (!isAdmin) {
    return (
      <Alert color="gray" title="Admins only">
        Only your organisation’s admins can create and revoke API keys.
      </Alert>
    );
  }

  async function confirmRevoke() {
    if (!revoking) return;
    const result = await revoke({ id: revoking.id });
    if (result.data) {
      const { id, revokedAt } = result.data.revokeApiKey;
      if (revokedAt) setRevokedNow((m) => new Map(m).set(id, revokedAt));
      setRevoking(null);
      refetch();
    }
  }

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>API keys</Title>
          <Text c="dimmed" size="sm">
            Keys let agency tools call the GraphQL API with <Code>Authorization: Bearer …</Code>. Revocation
            takes effect at once.
          </Text>
        </div>
        <Button onClick={createModal.open} data-testid="create-api-key">
          Create key
        </Button>
      </Group>
      <Paper p={0}>
        <QueryState
          error={error}
          fetching={fetching}
          onRetry={refetch}
          loadingLabel="Loading API keys"
          empty={
            keys.length === 0 && {
              title: 'No API keys',
              text: 'Create a key for each tool, with only the scopes it needs.',
              action: (
                <Button variant="light" onClick={createModal.open} data-testid="api-keys-empty-create">
                  Create your first key
                </Button>
              ),
              testId: 'api-keys-empty',
            }
          }
        >
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" data-testid="api-keys-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Scopes</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {keys
                  .map((key) => ({ ...key, revokedAt: key.revokedAt ?? revokedNow.get(key.id) ?? null }))
                  .map((k) => (
                    <Table.Tr key={k.id} data-testid="api-key-row" data-name={k.name}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {k.name}
                        </Text>
                        <Code fz="xs">{k.prefix}…</Code>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {k.scopes.map((s) => (
                            <Badge key={s} variant="outline" size="xs" style={{ textTransform: 'none' }}>
                              {scopeCode(s)}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>{formatDate(k.createdAt)}</Table.Td>
                      <Table.Td>{formatDateTime(k.lastUsedAt)}</Table.Td>
                      <Table.Td>
                        {k.revokedAt ? (
                          <Badge color="gray" variant="light" tt="none" miw={72} data-testid="api-key-status">
                            Revoked
                          </Badge>
                        ) : (
                          <Badge color="teal" variant="light" tt="none" miw={72} data-testid="api-key-status">
                            Active
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">
                        {k.revokedAt ? null : (
                          <Button
                            size="compact-xs"
                            color="red"
                            variant="light"
                            onClick={() => setRevoking(k)}
                            aria-label={`Revoke ${k.name}`}
                            data-testid="api-key-revoke"
                          >
                            Revoke
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </QueryState>
        {keys.length > 0 && (
          <LoadMore hasNextPage={hasNextPage} loading={loadingMore} onLoadMore={loadMore} error={moreError} />
        )}
      </Paper>
      <CreateKeyModal opened={createOpened} onClose={createModal.close} onCreated={refetch} />
      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title="Revoke this key?" centered>
        <Stack>
          <Text size="sm">
            Tools using <b>{revoking?.name}</b> will get UNAUTHENTICATED from their next request. This cannot
            be undone.
          </Text>
          {revokeState.error ? <ErrorAlert error={revokeState.error} title="Could not revoke" /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              Keep it
            </Button>
            <Button
              color="red"
              onClick={confirmRevoke}
              loading={revokeState.fetching}
              data-testid="api-key-revoke-confirm"
            >
              Revoke key
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
