import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { Empty } from './Empty.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';

export interface EmptyState {
  title: string;
  text: ReactNode;
  /** A call to action: a button or link. */
  action?: ReactNode;
  testId?: string;
}

interface Props {
  error: CombinedError | undefined;
  /** True only while there is nothing to show yet (a refetch keeps the current data on screen). */
  fetching: boolean;
  onRetry: () => void;
  /** Names the spinner for assistive technology ("Loading campaigns"). */
  loadingLabel: string;
  /** The empty state to show, or a falsy value when there is something to list. */
  empty: EmptyState | false | null;
  children: ReactNode;
}

/**
 * The ladder every list screen climbs: an error (in plain words chosen by `extensions.code`, with
 * a retry) wins over loading, loading over empty, and only then the content itself.
 */
export function QueryState({ error, fetching, onRetry, loadingLabel, empty, children }: Props) {
  if (error) return <ErrorAlert error={error} onRetry={onRetry} />;
  if (fetching) {
    return (
      <Center py="xl">
        <Loader aria-label={loadingLabel} />
      </Center>
    );
  }
  if (empty) {
    return (
      <Empty title={empty.title} action={empty.action} testId={empty.testId}>
        {empty.text}
      </Empty>
    );
  }
  return <>{children}</>;
}
