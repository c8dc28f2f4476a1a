import {
  Alert,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { type ApiKeyScope, SCOPES, useCreateApiKey } from '../hooks/useApiKeys.ts';

interface Props {
  opened: boolean;
  onClose: () => void;
  onCreated: () => void;
}

/** Creates a key; its secret is shown once, here, and never again. */
export function CreateKeyModal({ opened, onClose, onCreated }: Props) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['AUDIENCES_READ']);
  const [touched, setTouched] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [state, create] = useCreateApiKey();
  const nameError = touched && !name.trim() ? 'Name the key after the tool that will use it' : null;
  const scopeError = touched && scopes.length === 0 ? 'Choose at least one scope' : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!name.trim() || scopes.length === 0) return;
    const result = await create({ input: { name: name.trim(), scopes } });
    if (result.data) {
      setSecret(result.data.createApiKey.secret);
      onCreated();
    }
  }

  function close() {
    setSecret(null);
    setName('');
    setTouched(false);
    onClose();
  }

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={secret ? 'Copy your new key' : 'Create an API key'}
      centered
      size="lg"
    >
      {secret ? (
        <Stack>
          <Alert color="yellow" variant="light" title="This is the only time the secret is shown">
            Store it in your tool’s secret manager now. Parlance keeps only a hash; if it is lost, revoke it
            and create another.
          </Alert>
          <Code block data-testid="api-key-secret" style={{ wordBreak: 'break-all' }}>
            {secret}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button color={copied ? 'teal' : 'indigo'} onClick={copy} data-testid="api-key-copy">
                  {copied ? 'Copied' : 'Copy secret'}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={close} data-testid="api-key-done">
              Done
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            {state.error ? <ErrorAlert error={state.error} title="Could not create the key" /> : null}
            <TextInput
              label="Name"
              placeholder="e.g. Agency planning script"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={nameError}
              data-autofocus
              required
              data-testid="api-key-name"
            />
            <Checkbox.Group
              label="Scopes"
              value={scopes}
              onChange={(v) => setScopes(v as ApiKeyScope[])}
              error={scopeError}
              withAsterisk
            >
              <Stack gap={6} mt={6}>
                {SCOPES.map((s) => (
                  <Checkbox
                    key={s.value}
                    value={s.value}
                    label={
                      <Text size="sm" span>
                        <Code>{s.code}</Code> {s.label}
                      </Text>
                    }
                  />
                ))}
              </Stack>
            </Checkbox.Group>
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={state.fetching} data-testid="api-key-create-confirm">
                Create key
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
