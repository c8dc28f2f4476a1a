import {
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import type { DraftAction, DraftTarget } from '../../audiences/hooks/audienceDraft.ts';
import { draftReducer } from '../../audiences/hooks/audienceDraft.ts';
import {
  type CampaignFormErrors,
  type CampaignFormValues,
  CURRENCIES,
  NAME_MAX,
  OBJECTIVES,
  validateCampaign,
} from '../hooks/campaignForm.ts';

interface AudienceOption {
  id: string;
  name: string;
}

interface Props {
  initial: CampaignFormValues;
  audiences: readonly AudienceOption[];
  submitLabel: string;
  submitting: boolean;
  /** Field messages from the server (BAD_USER_INPUT with `extensions.field`). */
  serverErrors?: CampaignFormErrors;
  onSubmit: (values: CampaignFormValues) => void;
  /** Renders the inline audience editor; injected so the form stays testable without a client. */
  renderInlineAudience?: (
    values: CampaignFormValues,
    dispatch: (action: DraftAction) => void,
    target: DraftTarget,
    setTarget: (t: DraftTarget) => void,
  ) => ReactNode;
  children?: ReactNode;
}

/** Create/edit a campaign. Validates on submit, then on every change, listing every problem. */
export function CampaignForm({
  initial,
  audiences,
  submitLabel,
  submitting,
  serverErrors,
  onSubmit,
  renderInlineAudience,
  children,
}: Props) {
  const [values, setValues] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const [target, setTarget] = useState<DraftTarget>(0);
  const errors: CampaignFormErrors = submitted
    ? { ...serverErrors, ...validateCampaign(values) }
    : { ...serverErrors };
  const set = <K extends keyof CampaignFormValues>(key: K, value: CampaignFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const dispatch = (action: DraftAction) =>
    setValues((v) => ({ ...v, inline: draftReducer(v.inline, action) }));

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(validateCampaign(values)).length === 0) onSubmit(values);
  }

  const errorCount = Object.values(errors).filter(Boolean).length;
  return (
    <form onSubmit={submit} noValidate aria-label="Campaign" data-testid="campaign-form">
      <Stack gap="lg">
        <Paper p="md">
          <Title order={3} size="h5" mb="sm">
            Basics
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label="Name"
              value={values.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={errors.name}
              maxLength={NAME_MAX + 20}
              required
              data-testid="campaign-name"
            />
            <Select
              label="Objective"
              placeholder="Choose an objective"
              data={OBJECTIVES.map((o) => ({ value: o.value, label: o.label }))}
              value={values.objective || null}
              onChange={(v) => set('objective', (v ?? '') as CampaignFormValues['objective'])}
              error={errors.objective}
              required
              allowDeselect={false}
              data-testid="campaign-objective"
            />
          </SimpleGrid>
        </Paper>
        <Paper p="md">
          <Title order={3} size="h5" mb="sm">
            Budget and bid
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
            <Stack gap={4}>
              <Text size="sm" fw={500} id="budget-type-label">
                Budget type
              </Text>
              <SegmentedControl
                aria-labelledby="budget-type-label"
                value={values.budgetType}
                onChange={(v) => set('budgetType', v as CampaignFormValues['budgetType'])}
                data={[
                  { value: 'DAILY', label: 'Daily' },
                  { value: 'LIFETIME', label: 'Lifetime' },
                ]}
              />
            </Stack>
            <NumberInput
              label={values.budgetType === 'DAILY' ? 'Daily budget' : 'Lifetime budget'}
              value={values.budgetAmount}
              onChange={(v) => set('budgetAmount', typeof v === 'number' ? v : v === '' ? '' : Number(v))}
              error={errors.budgetAmount}
              min={0}
              decimalScale={2}
              thousandSeparator=","
              required
              data-testid="campaign-budget"
            />
            <Select
              label="Currency"
              data={[...CURRENCIES]}
              value={values.currency}
              onChange={(v) => set('currency', v ?? '')}
              error={errors.currency}
              allowDeselect={false}
              required
            />
            <NumberInput
              label="CPM bid"
              description="Per 1,000 impressions"
              value={values.cpmBid}
              onChange={(v) => set('cpmBid', typeof v === 'number' ? v : v === '' ? '' : Number(v))}
              error={errors.cpmBid}
              min={0}
              decimalScale={2}
              required
              data-testid="campaign-cpm"
            />
          </SimpleGrid>
        </Paper>
        <Paper p="md">
          <Title order={3} size="h5" mb="sm">
            Schedule
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label="Start date"
              type="date"
              value={values.startDate}
              onChange={(e) => set('startDate', e.currentTarget.value)}
              error={errors.startDate}
              required
              data-testid="campaign-start"
            />
            <TextInput
              label="End date"
              type="date"
              description={values.budgetType === 'LIFETIME' ? 'Required for a lifetime budget' : 'Optional'}
              value={values.endDate}
              onChange={(e) => set('endDate', e.currentTarget.value)}
              error={errors.endDate}
              data-testid="campaign-end"
            />
          </SimpleGrid>
        </Paper>
        <Paper p="md">
          <Title order={3} size="h5" mb="sm">
            Audience
          </Title>
          <SegmentedControl
            mb="sm"
            aria-label="Audience source"
            value={values.audienceMode}
            onChange={(v) => set('audienceMode', v as CampaignFormValues['audienceMode'])}
            data={[
              { value: 'saved', label: 'Saved audience' },
              { value: 'inline', label: 'Build inline' },
            ]}
            data-testid="audience-mode"
          />
          {values.audienceMode === 'saved' ? (
            <Select
              label="Saved audience"
              placeholder={audiences.length ? 'Choose an audience' : 'No saved audiences yet'}
              data={audiences.map((a) => ({ value: a.id, label: a.name }))}
              value={values.savedAudienceId}
              onChange={(v) => set('savedAudienceId', v)}
              error={errors.savedAudienceId}
              searchable
              data-testid="campaign-audience"
            />
          ) : (
            <Stack gap="sm">
              {renderInlineAudience?.(values, dispatch, target, setTarget)}
              {errors.inline ? (
                <Text c="red" size="sm" role="alert">
                  {errors.inline}
                </Text>
              ) : null}
            </Stack>
          )}
        </Paper>
        {children}
        <Group justify="flex-end" gap="sm">
          {errorCount > 0 ? (
            <Text c="red" size="sm" role="alert" data-testid="form-error-summary">
              {errorCount === 1
                ? 'Fix 1 problem above to continue.'
                : `Fix ${errorCount} problems above to continue.`}
            </Text>
          ) : null}
          <Button variant="default" component="a" href="#/campaigns">
            Cancel
          </Button>
          <Button type="submit" loading={submitting} data-testid="campaign-submit">
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
