import { screen } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { renderPlain } from '../../../test/render.tsx';
import type { Estimate, EstimateState } from '../hooks/useEstimate.ts';
import { SizingPanel } from './SizingPanel.tsx';

const estimate: Estimate = {
  belowThreshold: false,
  lowerBound: 120_000,
  upperBound: 150_000,
  snapshotId: 's1',
  privacyBudgetRemaining: 23.4,
  specHash: 'h1',
  byCountry: [
    { key: 'US', lowerBound: 90_000, upperBound: 110_000 },
    { key: 'CA', lowerBound: 20_000, upperBound: 25_000 },
  ],
  byAgeBand: [{ key: '18-24', lowerBound: 30_000, upperBound: 40_000 }],
  countryCellsHidden: 1,
  ageBandCellsHidden: 2,
};

function state(partial: Partial<EstimateState>): EstimateState {
  return { estimate: null, error: undefined, updating: false, empty: false, ...partial };
}
function err(code: string, message = 'raw server message') {
  return new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions: { code } })] });
}

describe('SizingPanel', () => {
  it('asks for an interest when the draft is empty', () => {
    renderPlain(<SizingPanel state={state({ empty: true })} />);
    expect(screen.getByTestId('estimate-empty')).toBeTruthy();
    expect(screen.queryByTestId('estimate-range')).toBeNull();
  });

  it('shows a skeleton before the first answer', () => {
    renderPlain(<SizingPanel state={state({ updating: true })} />);
    expect(screen.getByLabelText('Loading estimate')).toBeTruthy();
  });

  it('shows exactly the range, breakdowns and budget the API sent', () => {
    renderPlain(
      <SizingPanel
        state={state({ estimate })}
        countryName={(c) => ({ US: 'United States', CA: 'Canada' })[c] ?? c}
      />,
    );
    expect(screen.getByTestId('estimate-range').textContent).toBe('120K – 150K');
    expect(screen.getByTestId('privacy-budget').textContent).toContain('23.4');
    expect(screen.getByLabelText('United States: 90K – 110K')).toBeTruthy();
    expect(screen.getByTestId('breakdown-country-hidden').textContent).toBe('1 cell hidden for privacy');
    expect(screen.getByTestId('breakdown-age-hidden').textContent).toBe('2 cells hidden for privacy');
    expect(screen.getByLabelText('18-24: 30K – 40K')).toBeTruthy();
  });

  it('keeps the previous answer on screen while the next loads', () => {
    renderPlain(<SizingPanel state={state({ estimate, updating: true })} />);
    expect(screen.getByTestId('estimate-range').textContent).toBe('120K – 150K');
    expect(screen.getByTestId('estimate-updating')).toBeTruthy();
  });

  it('says "too narrow" with no number when below threshold', () => {
    const below: Estimate = {
      ...estimate,
      belowThreshold: true,
      lowerBound: null,
      upperBound: null,
      byCountry: [],
      byAgeBand: [],
      countryCellsHidden: 0,
      ageBandCellsHidden: 0,
    };
    renderPlain(<SizingPanel state={state({ estimate: below })} />);
    expect(screen.getByTestId('estimate-below-threshold')).toBeTruthy();
    expect(screen.queryByTestId('estimate-range')).toBeNull();
  });

  it('treats a BELOW_THRESHOLD error the same way', () => {
    renderPlain(<SizingPanel state={state({ error: err('BELOW_THRESHOLD') })} />);
    expect(screen.getByTestId('estimate-below-threshold')).toBeTruthy();
  });

  it('explains an exhausted privacy budget', () => {
    renderPlain(<SizingPanel state={state({ error: err('PRIVACY_BUDGET_EXHAUSTED') })} />);
    expect(screen.getByTestId('budget-exhausted').textContent).toMatch(/privacy budget/i);
  });

  it('shows plain words, not the raw message, for internal errors', () => {
    renderPlain(
      <SizingPanel state={state({ error: err('INTERNAL_SERVER_ERROR', 'TypeError at engine.ts:42') })} />,
    );
    const alert = screen.getByTestId('error-alert');
    expect(alert.getAttribute('data-code')).toBe('INTERNAL_SERVER_ERROR');
    expect(alert.textContent).not.toContain('engine.ts');
  });
});
