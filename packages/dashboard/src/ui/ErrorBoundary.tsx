import { Alert, Button, Group, Text } from '@mantine/core';
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** Changing it clears a caught error (e.g. the route), so moving on recovers the screen. */
  resetKey?: string;
}

interface State {
  failed: boolean;
  resetKey?: string | undefined;
}

/**
 * A screen that throws while rendering (or a lazy chunk that fails to load after a redeploy)
 * shows a plain message with a reload button instead of a blank page. The error itself is
 * logged to the console only: it may carry details an advertiser need not see.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { failed: false, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('dashboard screen failed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <Alert color="red" variant="light" title="This screen could not be shown" data-testid="screen-error">
        <Text size="sm">
          Something went wrong while showing this screen, or Parlance was updated while it was open. Reload to
          continue; your saved audiences and campaigns are safe.
        </Text>
        <Group mt="sm">
          <Button size="xs" variant="light" color="red" onClick={() => window.location.reload()}>
            Reload
          </Button>
        </Group>
      </Alert>
    );
  }
}
