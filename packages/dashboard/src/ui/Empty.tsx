import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  title: string;
  children?: ReactNode;
  /** What to do about it: a button or link. */
  action?: ReactNode;
  testId?: string;
}

/** An empty state: what is missing, and what to do about it. */
export function Empty({ title, children, action, testId }: Props) {
  return (
    <Stack align="center" gap={4} py="lg" px="md" ta="center" data-testid={testId}>
      <Text fw={600}>{title}</Text>
      {children ? (
        <Text size="sm" c="dimmed" maw={420}>
          {children}
        </Text>
      ) : null}
      {action ? <Stack mt="xs">{action}</Stack> : null}
    </Stack>
  );
}
