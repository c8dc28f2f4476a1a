import { ActionIcon, Button, Group, Loader, ScrollArea, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import type { ChipInterest } from '../hooks/audienceDraft.ts';
import { type InterestNode, useInterestChildren } from '../hooks/useInterests.ts';
import { sizeLabel } from './InterestSearch.tsx';

interface Props {
  onPick: (interest: ChipInterest) => void;
}

/** Browse the taxonomy one level at a time; children load when a branch is opened. */
export function TaxonomyBrowser({ onPick }: Props) {
  return (
    <ScrollArea.Autosize mah={360} type="auto" data-testid="taxonomy-browser">
      <Level parentId={null} depth={0} onPick={onPick} />
    </ScrollArea.Autosize>
  );
}

function Level({
  parentId,
  depth,
  onPick,
}: {
  parentId: string | null;
  depth: number;
  onPick: Props['onPick'];
}) {
  const { interests, fetching, error, refetch } = useInterestChildren(parentId);
  if (fetching && interests.length === 0) return <Loader size="xs" m="xs" aria-label="Loading categories" />;
  if (error) return <ErrorAlert error={error} title="Could not load categories" onRetry={refetch} />;
  if (interests.length === 0)
    return (
      <Text size="xs" c="dimmed" pl={depth * 16 + 28} py={2}>
        No narrower interests.
      </Text>
    );
  return (
    <Stack
      gap={0}
      role={depth === 0 ? 'tree' : 'group'}
      aria-label={depth === 0 ? 'Interest categories' : undefined}
    >
      {interests.map((node) => (
        <Node key={node.id} node={node} depth={depth} onPick={onPick} />
      ))}
    </Stack>
  );
}

function Node({ node, depth, onPick }: { node: InterestNode; depth: number; onPick: Props['onPick'] }) {
  const [open, setOpen] = useState(false);
  return (
    <li>
      <Group gap={4} wrap="nowrap" pl={depth * 16} py={2}>
        {node.hasChildren ? (
          <ActionIcon
            variant="subtle"
            size="sm"
            aria-label={`${open ? 'Collapse' : 'Expand'} ${node.name}`}
            aria-expanded={open}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? '▾' : '▸'}
          </ActionIcon>
        ) : (
          <span style={{ width: 28, flex: 'none' }} aria-hidden />
        )}
        <Text size="sm" truncate style={{ flex: 1, minWidth: 0 }}>
          {node.name}
        </Text>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {sizeLabel(node)}
        </Text>
        <Button
          size="compact-xs"
          variant="light"
          onClick={() => onPick({ id: node.id, name: node.name, path: node.path })}
          aria-label={`Add ${node.name}`}
        >
          Add
        </Button>
      </Group>
      {open && node.hasChildren ? <Level parentId={node.id} depth={depth + 1} onPick={onPick} /> : null}
    </li>
  );
}
