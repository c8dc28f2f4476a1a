import { Center, Loader } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import { Provider } from 'urql';
import { Shell } from './Shell.tsx';
import { LoginScreen } from './features/auth/components/LoginScreen.tsx';
import { useViewer } from './features/auth/hooks/useViewer.ts';
import { createClient } from './graphql/client.ts';
import { ErrorAlert } from './ui/ErrorAlert.tsx';

/**
 * Owns the urql client. Signing in, out, or switching organisation replaces the client, so no
 * cached answer from one organisation or session is ever shown in another.
 */
export function App() {
  const [generation, setGeneration] = useState(0);
  const client = useMemo(() => {
    void generation;
    return createClient();
  }, [generation]);
  const reset = useCallback(() => setGeneration((g) => g + 1), []);
  return (
    <Provider value={client}>
      {/* Keyed by generation: nothing rendered for the previous session survives the switch. */}
      <Gate key={generation} onSessionChange={reset} />
    </Provider>
  );
}

function Gate({ onSessionChange }: { onSessionChange: () => void }) {
  const { viewer, fetching, signedOut, error, refetch } = useViewer();
  if (signedOut) return <LoginScreen onSignedIn={onSessionChange} />;
  if (viewer) return <Shell viewer={viewer} onSessionChange={onSessionChange} />;
  if (error)
    return (
      <Center mih="100vh" p="md">
        <ErrorAlert error={error} title="Parlance could not load" onRetry={refetch} />
      </Center>
    );
  return (
    <Center mih="100vh" aria-busy={fetching}>
      <Loader aria-label="Loading" />
    </Center>
  );
}
