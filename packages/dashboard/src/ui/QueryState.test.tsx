import { Button } from '@mantine/core';
import { fireEvent, screen } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { renderPlain } from '../test/render.tsx';
import { type EmptyState, QueryState } from './QueryState.tsx';

const forbidden = new CombinedError({
  graphQLErrors: [new GraphQLError('internal words', { extensions: { code: 'FORBIDDEN' } })],
});
const empty: EmptyState = {
  title: 'Nothing here',
  text: 'Make one to start.',
  action: <Button data-testid="empty-action">Make one</Button>,
  testId: 'things-empty',
};

function state(props: Partial<Parameters<typeof QueryState>[0]> = {}) {
  const onRetry = vi.fn();
  renderPlain(
    <QueryState
      error={undefined}
      fetching={false}
      onRetry={onRetry}
      loadingLabel="Loading things"
      empty={false}
      {...props}
    >
      <table data-testid="things-table" />
    </QueryState>,
  );
  return onRetry;
}

describe('QueryState', () => {
  it('shows the content when there is something to show', () => {
    state();
    expect(screen.getByTestId('things-table')).toBeTruthy();
    expect(screen.queryByTestId('error-alert')).toBeNull();
  });

  it('shows a named spinner while loading, and nothing else', () => {
    state({ fetching: true, empty });
    expect(screen.getByLabelText('Loading things')).toBeTruthy();
    expect(screen.queryByTestId('things-table')).toBeNull();
    expect(screen.queryByTestId('things-empty')).toBeNull();
  });

  it('shows the empty state with its text and call to action', () => {
    state({ empty });
    const shown = screen.getByTestId('things-empty');
    expect(shown.textContent).toContain('Nothing here');
    expect(shown.textContent).toContain('Make one to start.');
    expect(screen.getByTestId('empty-action')).toBeTruthy();
    expect(screen.queryByTestId('things-table')).toBeNull();
  });

  it('puts an error first, in words chosen by its code, with a retry', () => {
    const onRetry = state({ error: forbidden, fetching: true, empty });
    const alert = screen.getByTestId('error-alert');
    expect(alert.getAttribute('data-code')).toBe('FORBIDDEN');
    expect(alert.textContent).toMatch(/does not allow this action/);
    expect(alert.textContent).not.toContain('internal words');
    expect(screen.queryByLabelText('Loading things')).toBeNull();
    expect(screen.queryByTestId('things-empty')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});
