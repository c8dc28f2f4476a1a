import { Alert, Center, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { CombinedError } from 'urql';
import { fieldErrors, hasErrorCode } from '../../../graphql/errors.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { routeHref } from '../../../ui/router.ts';
import { SizingBadge } from '../../../ui/SizingBadge.tsx';
import { useEstimate } from '../../audiences/hooks/useEstimate.ts';
import { useCountries } from '../../audiences/hooks/useCountries.ts';
import { useSavedAudienceOptions } from '../../audiences/hooks/useSavedAudiences.ts';
import { AudienceEditor } from '../../audiences/components/AudienceEditor.tsx';
import { SizingPanel } from '../../audiences/components/SizingPanel.tsx';
import {
  type CampaignFormErrors,
  type CampaignFormValues,
  emptyCampaignForm,
  formFromCampaign,
  toCampaignInput,
} from '../hooks/campaignForm.ts';
import { type Campaign, useCampaign, useCreateCampaign, useUpdateCampaign } from '../hooks/useCampaigns.ts';
import { CampaignForm } from './CampaignForm.tsx';
import { StatusBadge } from './StatusBadge.tsx';

function InlineSizing({ values }: { values: CampaignFormValues }) {
  const state = useEstimate(values.inline);
  const { countryName } = useCountries();
  return <SizingPanel state={state} countryName={countryName} />;
}

export default function CampaignEditPage({ campaignId }: { campaignId: string }) {
  const isNew = campaignId === 'new';
  const { campaign, resolveInterest, fetching, error, refetch } = useCampaign(isNew ? null : campaignId);

  if (isNew) return <CampaignEditor initial={emptyCampaignForm(new Date().toISOString().slice(0, 10))} />;
  if (error && hasErrorCode(error, 'NOT_FOUND')) {
    return (
      <Alert color="gray" title="Campaign not found">
        It may belong to another organisation.{' '}
        <a href={routeHref({ name: 'campaigns' })}>Back to campaigns</a>.
      </Alert>
    );
  }
  if (error) return <ErrorAlert error={error} onRetry={refetch} />;
  if (fetching || !campaign || !resolveInterest) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading campaign" />
      </Center>
    );
  }
  return <CampaignEditor campaign={campaign} initial={formFromCampaign(campaign, resolveInterest)} />;
}

function CampaignEditor({ campaign, initial }: { campaign?: Campaign; initial: CampaignFormValues }) {
  const saved = useSavedAudienceOptions();
  const [createState, create] = useCreateCampaign();
  const [updateState, update] = useUpdateCampaign();
  const [error, setError] = useState<CombinedError | null>(null);
  const serverErrors = fieldErrors(error ?? undefined) as CampaignFormErrors;

  async function submit(values: CampaignFormValues) {
    setError(null);
    const input = toCampaignInput(values);
    const result = campaign ? await update({ id: campaign.id, input }) : await create({ input });
    if (result.error) setError(result.error);
    else window.location.hash = routeHref({ name: 'campaigns' });
  }

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{campaign ? campaign.name : 'New campaign'}</Title>
          <Text c="dimmed" size="sm">
            {campaign
              ? 'Changes apply from now on; the audience is re-sized when you save.'
              : 'New campaigns start as drafts; launch them from the campaigns table.'}
          </Text>
        </div>
        {campaign ? (
          <Group gap="xs">
            <StatusBadge status={campaign.status} />
            <Text size="sm" c="dimmed">
              Size when saved:
            </Text>
            <SizingBadge sizing={campaign.sizing} />
          </Group>
        ) : null}
      </Group>
      {saved.error ? <ErrorAlert error={saved.error} title="Could not load saved audiences" /> : null}
      <CampaignForm
        initial={initial}
        audiences={saved.audiences}
        submitLabel={campaign ? 'Save changes' : 'Create campaign'}
        submitting={createState.fetching || updateState.fetching}
        serverErrors={serverErrors}
        onSubmit={submit}
        renderInlineAudience={(values, dispatch, target, setTarget) => (
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <AudienceEditor
                draft={values.inline}
                dispatch={dispatch}
                target={target}
                onTarget={setTarget}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <InlineSizing values={values} />
            </Grid.Col>
          </Grid>
        )}
      >
        {error ? (
          <ErrorAlert
            error={error}
            title={campaign ? 'Could not save the campaign' : 'Could not create the campaign'}
          />
        ) : null}
      </CampaignForm>
    </Stack>
  );
}
