import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { type AudienceDraft, toSpecInput } from '../hooks/audienceDraft.ts';
import { useSaveAudience, useUpdateAudience } from '../hooks/useSavedAudiences.ts';

interface Props {
  opened: boolean;
  onClose: () => void;
  draft: AudienceDraft;
  audienceId?: string | undefined;
  initialName: string;
  onSaved: (id: string) => void;
}

export function SaveAudienceModal({ opened, onClose, draft, audienceId, initialName, onSaved }: Props) {
  const [name, setName] = useState(initialName);
  const [touched, setTouched] = useState(false);
  const [createState, create] = useSaveAudience();
  const [updateState, update] = useUpdateAudience();
  const state = audienceId ? updateState : createState;
  const nameError = touched && name.trim().length === 0 ? 'Give the audience a name' : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (name.trim().length === 0) return;
    const input = { name: name.trim(), spec: toSpecInput(draft) };
    if (audienceId) {
      const result = await update({ id: audienceId, input });
      if (result.data) onSaved(result.data.updateAudience.id);
    } else {
      const result = await create({ input });
      if (result.data) onSaved(result.data.saveAudience.id);
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={audienceId ? 'Save changes' : 'Save audience'} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          {state.error ? <ErrorAlert error={state.error} title="Could not save" /> : null}
          <TextInput
            label="Name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={nameError}
            maxLength={120}
            data-autofocus
            data-testid="audience-name"
            required
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={state.fetching} data-testid="audience-save-confirm">
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
