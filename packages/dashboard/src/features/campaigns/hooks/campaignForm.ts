import type { AudienceDraft, ChipInterest } from '../../audiences/hooks/audienceDraft.ts';
import { draftFromSpec, EMPTY_DRAFT, isSizeable, toSpecInput } from '../../audiences/hooks/audienceDraft.ts';
import type { Campaign, CreateCampaignInput } from './useCampaigns.ts';

export const OBJECTIVES = [
  { value: 'AWARENESS', label: 'Awareness' },
  { value: 'TRAFFIC', label: 'Traffic' },
  { value: 'CONVERSIONS', label: 'Conversions' },
] as const;
export const CURRENCIES = ['USD', 'CAD', 'AUD', 'JPY', 'BRL', 'MXN', 'INR', 'SGD'] as const;
export const NAME_MAX = 120;

export type Objective = (typeof OBJECTIVES)[number]['value'];
export type BudgetType = 'DAILY' | 'LIFETIME';

export interface CampaignFormValues {
  name: string;
  objective: Objective | '';
  budgetType: BudgetType;
  budgetAmount: number | '';
  currency: string;
  cpmBid: number | '';
  startDate: string;
  endDate: string;
  audienceMode: 'saved' | 'inline';
  savedAudienceId: string | null;
  inline: AudienceDraft;
}

export type CampaignFormErrors = Partial<Record<keyof CampaignFormValues, string>>;

export function emptyCampaignForm(today: string): CampaignFormValues {
  return {
    name: '',
    objective: '',
    budgetType: 'DAILY',
    budgetAmount: '',
    currency: 'USD',
    cpmBid: '',
    startDate: today,
    endDate: '',
    audienceMode: 'saved',
    savedAudienceId: null,
    inline: EMPTY_DRAFT,
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every problem at once, in words an advertiser can act on. Empty object = valid. */
export function validateCampaign(v: CampaignFormValues): CampaignFormErrors {
  const e: CampaignFormErrors = {};
  const name = v.name.trim();
  if (!name) e.name = 'Give the campaign a name';
  else if (name.length > NAME_MAX) e.name = `Keep the name under ${NAME_MAX} characters`;
  if (!v.objective) e.objective = 'Choose an objective';
  if (v.budgetAmount === '' || !Number.isFinite(v.budgetAmount)) e.budgetAmount = 'Enter a budget';
  else if (v.budgetAmount <= 0) e.budgetAmount = 'The budget must be more than zero';
  if (!(CURRENCIES as readonly string[]).includes(v.currency)) e.currency = 'Choose a currency';
  if (v.cpmBid === '' || !Number.isFinite(v.cpmBid)) e.cpmBid = 'Enter a CPM bid';
  else if (v.cpmBid <= 0) e.cpmBid = 'The CPM bid must be more than zero';
  else if (v.budgetAmount !== '' && v.cpmBid > v.budgetAmount)
    e.cpmBid = 'The CPM bid cannot exceed the budget';
  if (!DATE.test(v.startDate)) e.startDate = 'Choose a start date';
  if (v.endDate && !DATE.test(v.endDate)) e.endDate = 'Enter a valid end date';
  else if (v.endDate && DATE.test(v.startDate) && v.endDate < v.startDate)
    e.endDate = 'The end date must be on or after the start date';
  else if (!v.endDate && v.budgetType === 'LIFETIME') e.endDate = 'A lifetime budget needs an end date';
  if (v.audienceMode === 'saved' && !v.savedAudienceId) e.savedAudienceId = 'Choose a saved audience';
  if (v.audienceMode === 'inline' && !isSizeable(v.inline))
    e.inline = 'Add at least one interest to the audience';
  return e;
}

/** The mutation input for valid values (call validateCampaign first). */
export function toCampaignInput(v: CampaignFormValues): CreateCampaignInput {
  return {
    name: v.name.trim(),
    objective: v.objective as Objective,
    budgetType: v.budgetType,
    budgetAmount: Number(v.budgetAmount),
    currency: v.currency,
    cpmBid: Number(v.cpmBid),
    startDate: v.startDate,
    endDate: v.endDate || null,
    ...(v.audienceMode === 'saved'
      ? { savedAudienceId: v.savedAudienceId }
      : { spec: toSpecInput(v.inline) }),
  };
}

/** Edit values for a stored campaign; an inline audience is reopened with named interests. */
export function formFromCampaign(
  c: Campaign,
  resolve: (id: string) => ChipInterest | null,
): CampaignFormValues {
  return {
    name: c.name,
    objective: c.objective,
    budgetType: c.budgetType,
    budgetAmount: c.budgetAmount,
    currency: c.currency,
    cpmBid: c.cpmBid,
    startDate: c.startDate,
    endDate: c.endDate ?? '',
    audienceMode: c.savedAudience ? 'saved' : 'inline',
    savedAudienceId: c.savedAudience?.id ?? null,
    inline: c.savedAudience ? EMPTY_DRAFT : draftFromSpec(c.spec, resolve),
  };
}
