import { Alert, Button, Center, Grid, Group, Loader, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense, useState } from 'react';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { routeHref } from '../../../ui/router.ts';
import { hasErrorCode } from '../../../graphql/errors.ts';
import {
  type AudienceDraft,
  type DraftTarget,
  draftFromSpec,
  EMPTY_DRAFT,
  isSizeable,
  specIds,
  toSpecInput,
} from '../hooks/audienceDraft.ts';
import { useAudienceDraft } from '../hooks/useAudienceDraft.ts';
import { useCountries } from '../hooks/useCountries.ts';
import { useEstimate } from '../hooks/useEstimate.ts';
import { interestResolver } from '../hooks/specInterests.ts';
import { useSavedAudience } from '../hooks/useSavedAudiences.ts';
import { AudienceEditor } from './AudienceEditor.tsx';
import { SaveAudienceModal } from './SaveAudienceModal.tsx';
import { SizingPanel } from './SizingPanel.tsx';

const ReachCurvePanel = lazy(() => import('../../forecast/components/ReachCurvePanel.tsx'));
const InsightsPanel = lazy(() => import('../../insights/components/InsightsPanel.tsx'));

interface Props {
  audienceId?: string | undefined;
}

export default function AudienceBuilderPage({ audienceId }: Props) {
  return audienceId ? <SavedAudienceBuilder audienceId={audienceId} /> : <Builder initial={EMPTY_DRAFT} />;
}

/** Loads a saved audience (its interests named in the same query), then opens it in the builder. */
function SavedAudienceBuilder({ audienceId }: { audienceId: string }) {
  const { audience, fetching, error, refetch } = useSavedAudience(audienceId);
  if (error && hasErrorCode(error, 'NOT_FOUND')) {
    return (
      <Alert color="gray" title="Audience not found">
        It may have been deleted, or it belongs to another organisation.{' '}
        <a href={routeHref({ name: 'saved' })}>See saved audiences</a>.
      </Alert>
    );
  }
  if (error) return <ErrorAlert error={error} onRetry={refetch} />;
  if (fetching || !audience) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading audience" />
      </Center>
    );
  }
  const resolve = interestResolver(audience.spec);
  const initial = draftFromSpec(audience.spec, resolve);
  const dropped = specIds(audience.spec).filter((id) => resolve(id) === null).length;
  return <Builder initial={initial} existing={{ id: audience.id, name: audience.name }} dropped={dropped} />;
}

interface BuilderProps {
  initial: AudienceDraft;
  existing?: { id: string; name: string };
  /** Interests of the saved spec that can no longer be targeted (left out of the draft). */
  dropped?: number;
}

function Builder({ initial, existing, dropped = 0 }: BuilderProps) {
  const [draft, dispatch] = useAudienceDraft(initial);
  const [target, setTarget] = useState<DraftTarget>(0);
  const [tab, setTab] = useState<string | null>('reach');
  const [saveOpened, saveModal] = useDisclosure(false);
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const sizing = useEstimate(draft);
  const { countryName } = useCountries();

  const spec = toSpecInput(draft);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{existing ? existing.name : 'Audience builder'}</Title>
          <Text c="dimmed" size="sm">
            Combine interests into groups: people must match every group, and any interest within a group.
          </Text>
        </div>
        <Group gap="xs">
          {savedNote ? (
            <Text size="sm" c="teal" role="status" data-testid="audience-saved">
              {savedNote}
            </Text>
          ) : null}
          <Button onClick={saveModal.open} disabled={!isSizeable(draft)} data-testid="save-audience">
            {existing ? 'Save changes' : 'Save audience'}
          </Button>
        </Group>
      </Group>
      {dropped > 0 ? (
        <Alert color="yellow" variant="light" title="Some interests were left out">
          {dropped}{' '}
          {dropped === 1 ? 'interest in this saved audience is' : 'interests in this saved audience are'} no
          longer available for targeting and {dropped === 1 ? 'was' : 'were'} removed. Save to keep the
          change.
        </Alert>
      ) : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper p="md">
            <AudienceEditor draft={draft} dispatch={dispatch} target={target} onTarget={setTarget} />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <SizingPanel state={sizing} countryName={countryName} />
            <Paper p="md">
              <Tabs value={tab} onChange={setTab} keepMounted={false}>
                <Tabs.List>
                  <Tabs.Tab value="reach" data-testid="tab-reach">
                    Reach curve
                  </Tabs.Tab>
                  <Tabs.Tab value="insights" data-testid="tab-insights">
                    Related interests
                  </Tabs.Tab>
                </Tabs.List>
                <Suspense
                  fallback={
                    <Center py="lg">
                      <Loader size="sm" aria-label="Loading chart" />
                    </Center>
                  }
                >
                  <Tabs.Panel value="reach" pt="md">
                    <ReachCurvePanel spec={spec} disabled={!isSizeable(draft)} />
                  </Tabs.Panel>
                  <Tabs.Panel value="insights" pt="md">
                    <InsightsPanel
                      spec={spec}
                      disabled={!isSizeable(draft)}
                      onAdd={(interest) => dispatch({ type: 'add', target, interest })}
                    />
                  </Tabs.Panel>
                </Suspense>
              </Tabs>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
      {saveOpened ? (
        <SaveAudienceModal
          opened={saveOpened}
          onClose={saveModal.close}
          draft={draft}
          audienceId={existing?.id}
          initialName={existing?.name ?? ''}
          onSaved={(id) => {
            saveModal.close();
            setSavedNote('Saved');
            if (id !== existing?.id) window.location.hash = routeHref({ name: 'audiences', audienceId: id });
          }}
        />
      ) : null}
    </Stack>
  );
}
