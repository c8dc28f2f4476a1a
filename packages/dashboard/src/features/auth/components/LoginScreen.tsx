import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { hasErrorCode } from '../../../graphql/errors.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useLogin } from '../hooks/useSession.ts';

interface Props {
  onSignedIn: () => void;
}

export function LoginScreen({ onSignedIn }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const [state, login] = useLogin();
  const emailError = touched && !/^[^@\s]+@[^@\s]+$/.test(email) ? 'Enter your work email address' : null;
  const passwordError = touched && password.length === 0 ? 'Enter your password' : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!/^[^@\s]+@[^@\s]+$/.test(email) || password.length === 0) return;
    const result = await login({ input: { email: email.trim(), password } });
    if (!result.error) onSignedIn();
  }

  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Paper component="main" w="100%" maw={400} p="xl" shadow="sm">
        <form onSubmit={submit} noValidate aria-labelledby="login-title">
          <Stack>
            <div>
              <Title order={1} size="h2" id="login-title">
                Parlance
              </Title>
              <Text c="dimmed" size="sm">
                Sign in to build and size privacy-safe audiences.
              </Text>
            </div>
            {state.error && hasErrorCode(state.error, 'UNAUTHENTICATED') ? (
              <Alert
                color="red"
                variant="light"
                title="Sign-in failed"
                data-testid="error-alert"
                data-code="UNAUTHENTICATED"
              >
                The email or password is not right. Check them and try again.
              </Alert>
            ) : state.error ? (
              <ErrorAlert error={state.error} title="Sign-in failed" />
            ) : null}
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={emailError}
              data-testid="login-email"
              required
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={passwordError}
              data-testid="login-password"
              required
            />
            <Button type="submit" loading={state.fetching} data-testid="login-submit">
              Sign in
            </Button>
            <Text size="xs" c="dimmed">
              Parlance never shows a person, a chat, or a count small enough to single someone out.
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
