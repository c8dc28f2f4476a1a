import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderPlain } from '../../../test/render.tsx';
import {
  type CampaignFormValues,
  emptyCampaignForm,
  toCampaignInput,
  validateCampaign,
} from '../hooks/campaignForm.ts';
import { CampaignForm } from './CampaignForm.tsx';

const valid: CampaignFormValues = {
  ...emptyCampaignForm('2030-01-01'),
  name: 'Spring hiking',
  objective: 'AWARENESS',
  budgetAmount: 500,
  cpmBid: 8,
  savedAudienceId: 'a1',
};

describe('validateCampaign', () => {
  it('accepts a complete campaign', () => {
    expect(validateCampaign(valid)).toEqual({});
  });

  it.each<[string, Partial<CampaignFormValues>, keyof CampaignFormValues, RegExp]>([
    ['empty name', { name: '  ' }, 'name', /name/],
    ['long name', { name: 'x'.repeat(121) }, 'name', /under 120/],
    ['no objective', { objective: '' }, 'objective', /objective/],
    ['no budget', { budgetAmount: '' }, 'budgetAmount', /Enter a budget/],
    ['zero budget', { budgetAmount: 0 }, 'budgetAmount', /more than zero/],
    ['negative CPM', { cpmBid: -1 }, 'cpmBid', /more than zero/],
    ['CPM above budget', { cpmBid: 900 }, 'cpmBid', /exceed/],
    ['bad currency', { currency: 'EURO' }, 'currency', /currency/],
    ['no start', { startDate: '' }, 'startDate', /start date/],
    ['end before start', { endDate: '2029-12-31' }, 'endDate', /on or after/],
    ['lifetime without end', { budgetType: 'LIFETIME' }, 'endDate', /lifetime budget needs an end date/],
    ['no saved audience', { savedAudienceId: null }, 'savedAudienceId', /saved audience/],
    ['empty inline audience', { audienceMode: 'inline' }, 'inline', /at least one interest/],
  ])('%s', (_label, change, field, message) => {
    const errors = validateCampaign({ ...valid, ...change });
    expect(errors[field]).toMatch(message);
  });

  it('builds the mutation input with a saved audience', () => {
    expect(toCampaignInput({ ...valid, endDate: '' })).toEqual({
      name: 'Spring hiking',
      objective: 'AWARENESS',
      budgetType: 'DAILY',
      budgetAmount: 500,
      currency: 'USD',
      cpmBid: 8,
      startDate: '2030-01-01',
      endDate: null,
      savedAudienceId: 'a1',
    });
  });
});

describe('CampaignForm', () => {
  it('lists every problem on submit and does not call onSubmit', () => {
    const onSubmit = vi.fn();
    renderPlain(
      <CampaignForm
        initial={emptyCampaignForm('2030-01-01')}
        audiences={[]}
        submitLabel="Create"
        submitting={false}
        onSubmit={onSubmit}
      />,
    );
    fireEvent.click(screen.getByTestId('campaign-submit'));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('Give the campaign a name')).toBeTruthy();
    expect(screen.getByText('Choose an objective')).toBeTruthy();
    expect(screen.getByText('Enter a budget')).toBeTruthy();
    expect(screen.getByText('Enter a CPM bid')).toBeTruthy();
    expect(screen.getByText('Choose a saved audience')).toBeTruthy();
    expect(screen.getByTestId('form-error-summary').textContent).toBe('Fix 5 problems above to continue.');
  });

  it('clears a message as soon as the field is fixed', () => {
    renderPlain(
      <CampaignForm
        initial={emptyCampaignForm('2030-01-01')}
        audiences={[]}
        submitLabel="Create"
        submitting={false}
        onSubmit={vi.fn()}
      />,
    );
    fireEvent.click(screen.getByTestId('campaign-submit'));
    fireEvent.change(screen.getByTestId('campaign-name'), { target: { value: 'Autumn' } });
    expect(screen.queryByText('Give the campaign a name')).toBeNull();
  });

  it('submits valid values', () => {
    const onSubmit = vi.fn();
    renderPlain(
      <CampaignForm
        initial={valid}
        audiences={[{ id: 'a1', name: 'Hikers' }]}
        submitLabel="Create"
        submitting={false}
        onSubmit={onSubmit}
      />,
    );
    fireEvent.click(screen.getByTestId('campaign-submit'));
    expect(onSubmit).toHaveBeenCalledWith(valid);
  });

  it('shows field messages the server sent', () => {
    renderPlain(
      <CampaignForm
        initial={valid}
        audiences={[]}
        submitLabel="Create"
        submitting={false}
        serverErrors={{ name: 'A campaign with this name already exists' }}
        onSubmit={vi.fn()}
      />,
    );
    expect(screen.getByText('A campaign with this name already exists')).toBeTruthy();
  });
});
