import { Badge, Button, CloseButton, Divider, Group, Paper, Pill, Radio, Stack, Text } from '@mantine/core';
import { Fragment } from 'react';
import {
  type AudienceDraft,
  type DraftAction,
  type DraftTarget,
  interestCount,
  MAX_GROUPS,
  MAX_INTERESTS,
} from '../hooks/audienceDraft.ts';

interface Props {
  draft: AudienceDraft;
  dispatch: (action: DraftAction) => void;
  target: DraftTarget;
  onTarget: (target: DraftTarget) => void;
}

/** AND-groups of OR-chips, plus exclusions. The radio picks where new interests go. */
export function InterestGroups({ draft, dispatch, target, onTarget }: Props) {
  const count = interestCount(draft);
  return (
    <Stack gap="xs">
      <Radio.Group
        value={String(target)}
        onChange={(v) => onTarget(v === 'exclude' ? 'exclude' : Number(v))}
        label="Add new interests to"
        size="xs"
      >
        <Stack gap="xs" mt={6}>
          {draft.groups.map((group, index) => (
            <Fragment key={`group-${index}`}>
              {index > 0 ? (
                <Divider
                  label={
                    <Badge size="xs" variant="filled" color="gray">
                      and
                    </Badge>
                  }
                  labelPosition="center"
                />
              ) : null}
              <Paper
                p="xs"
                bg={target === index ? 'indigo.0' : undefined}
                data-testid={`group-${index}`}
                aria-label={`Group ${index + 1}: any of these interests`}
              >
                <Group justify="space-between" wrap="nowrap" mb={group.length ? 6 : 0}>
                  <Radio value={String(index)} label={`Group ${index + 1} · any of`} />
                  {draft.groups.length > 1 ? (
                    <CloseButton
                      size="sm"
                      aria-label={`Remove group ${index + 1}`}
                      onClick={() => {
                        dispatch({ type: 'removeGroup', index });
                        onTarget(0);
                      }}
                    />
                  ) : null}
                </Group>
                {group.length === 0 ? (
                  <Text size="xs" c="dimmed">
                    Empty: pick interests with the search or the category browser.
                  </Text>
                ) : (
                  <Pill.Group>
                    {group.map((interest, i) => (
                      <Fragment key={interest.id}>
                        {i > 0 ? (
                          <Text size="xs" c="dimmed" span>
                            or
                          </Text>
                        ) : null}
                        <Pill
                          withRemoveButton
                          onRemove={() => dispatch({ type: 'remove', target: index, id: interest.id })}
                          removeButtonProps={{ 'aria-label': `Remove ${interest.name}` }}
                          title={interest.path.join(' › ')}
                          data-testid="interest-chip"
                        >
                          {interest.name}
                        </Pill>
                      </Fragment>
                    ))}
                  </Pill.Group>
                )}
              </Paper>
            </Fragment>
          ))}
          <Paper p="xs" bg={target === 'exclude' ? 'red.0' : undefined} data-testid="group-exclude">
            <Radio value="exclude" label="Exclude anyone interested in" mb={draft.exclude.length ? 6 : 0} />
            {draft.exclude.length === 0 ? (
              <Text size="xs" c="dimmed">
                No exclusions.
              </Text>
            ) : (
              <Pill.Group>
                {draft.exclude.map((interest) => (
                  <Pill
                    key={interest.id}
                    withRemoveButton
                    onRemove={() => dispatch({ type: 'remove', target: 'exclude', id: interest.id })}
                    removeButtonProps={{ 'aria-label': `Remove exclusion ${interest.name}` }}
                    data-testid="exclude-chip"
                  >
                    not {interest.name}
                  </Pill>
                ))}
              </Pill.Group>
            )}
          </Paper>
        </Stack>
      </Radio.Group>
      <Group justify="space-between">
        <Button
          size="xs"
          variant="default"
          disabled={draft.groups.length >= MAX_GROUPS}
          onClick={() => {
            dispatch({ type: 'addGroup' });
            onTarget(draft.groups.length);
          }}
          data-testid="add-group"
        >
          + Add an AND group
        </Button>
        <Text size="xs" c={count >= MAX_INTERESTS ? 'red' : 'dimmed'}>
          {count}/{MAX_INTERESTS} interests · {draft.groups.length}/{MAX_GROUPS} groups
        </Text>
      </Group>
    </Stack>
  );
}
