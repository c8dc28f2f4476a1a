import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApi } from '../../../test/render.tsx';
import AudienceBuilderPage from './AudienceBuilderPage.tsx';

const hiking = {
  id: '101',
  name: 'Hiking',
  path: ['Sports', 'Hiking'],
  tier: 2,
  hasChildren: false,
  sizeRange: { lowerBound: 41_000, upperBound: 46_000 },
};
const climbing = { ...hiking, id: '102', name: 'Climbing', path: ['Sports', 'Climbing'], sizeRange: null };

const countries = [
  { code: 'US', name: 'United States', excluded: false, reason: null },
  { code: 'FR', name: 'France', excluded: true, reason: 'EU/EEA: AI-chat signals not used' },
];

function estimate(spec: { include: string[][] }) {
  const narrow = spec.include.length > 1;
  return {
    belowThreshold: narrow,
    lowerBound: narrow ? null : 12_000,
    upperBound: narrow ? null : 15_000,
    snapshotId: 's1',
    specHash: 'h',
    privacyBudgetRemaining: 24.5,
    byCountry: narrow ? [] : [{ key: 'US', lowerBound: 12_000, upperBound: 15_000 }],
    byAgeBand: [],
    countryCellsHidden: 0,
    ageBandCellsHidden: narrow ? 0 : 3,
  };
}

function api() {
  return {
    Countries: () => ({ data: { countries } }),
    Interests: (v: Record<string, unknown>) => ({
      data: {
        interests: {
          edges: [hiking, climbing]
            .filter((i) => !v.search || i.name.toLowerCase().includes(String(v.search).toLowerCase()))
            .map((node) => ({ node })),
        },
      },
    }),
    AudienceEstimate: (v: Record<string, unknown>) => ({
      data: { audienceEstimate: estimate(v.spec as { include: string[][] }) },
    }),
  };
}

async function pick(name: string) {
  const input = screen.getByTestId('interest-search');
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value: name.slice(0, 4) } });
  await waitFor(
    () =>
      expect(screen.getAllByTestId('interest-option').some((o) => o.textContent?.includes(name))).toBe(true),
    {
      timeout: 2000,
    },
  );
  const option = screen.getAllByTestId('interest-option').find((o) => o.textContent?.includes(name));
  fireEvent.click(option!);
}

describe('audience builder', () => {
  it('shows path and size range in the typeahead, never a size for an unsized interest', async () => {
    renderWithApi(<AudienceBuilderPage />, api());
    const input = screen.getByTestId('interest-search');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'in' } });
    const options = await screen.findAllByTestId('interest-option', {}, { timeout: 2000 });
    expect(options[0]?.textContent).toContain('Sports › Hiking');
    expect(options[0]?.textContent).toContain('41K – 46K');
    expect(options[1]?.textContent).toContain('too few to size');
  });

  it('adds a searched interest as a chip and sizes it after the debounce', async () => {
    const { calls } = renderWithApi(<AudienceBuilderPage />, api());
    expect(screen.getByTestId('estimate-empty')).toBeTruthy();
    await pick('Hiking');
    expect(within(screen.getByTestId('group-0')).getByText('Hiking')).toBeTruthy();
    const range = await screen.findByTestId('estimate-range', {}, { timeout: 3000 });
    expect(range.textContent).toBe('12K – 15K');
    expect(screen.getByTestId('breakdown-age-hidden').textContent).toBe('3 cells hidden for privacy');
    expect(screen.getByTestId('privacy-budget').textContent).toContain('24.5');
    const sent = calls.filter((c) => c.operationName === 'AudienceEstimate').at(-1);
    expect(sent?.variables.spec).toMatchObject({
      include: [['101']],
      exclude: [],
      recencyDays: 30,
      ageMin: 18,
    });
  });

  it('narrows with an AND group to "too narrow", then widens back to a range', async () => {
    renderWithApi(<AudienceBuilderPage />, api());
    await pick('Hiking');
    await screen.findByTestId('estimate-range', {}, { timeout: 3000 });
    fireEvent.click(screen.getByTestId('add-group'));
    await pick('Climbing');
    // The previous range stays on screen while the narrower spec is sized.
    expect(screen.getByTestId('estimate-range')).toBeTruthy();
    await screen.findByTestId('estimate-below-threshold', {}, { timeout: 3000 });
    expect(screen.queryByTestId('estimate-range')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Remove group 2' }));
    await screen.findByTestId('estimate-range', {}, { timeout: 3000 });
  });

  it('puts an interest in the exclusions when that target is chosen', async () => {
    renderWithApi(<AudienceBuilderPage />, api());
    fireEvent.click(screen.getByLabelText('Exclude anyone interested in'));
    await pick('Climbing');
    expect(within(screen.getByTestId('group-exclude')).getByText('not Climbing')).toBeTruthy();
    expect(screen.getByTestId('estimate-empty')).toBeTruthy();
  });

  it('picks an interest with the keyboard alone', async () => {
    renderWithApi(<AudienceBuilderPage />, api());
    const input = screen.getByTestId('interest-search');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'Hik' } });
    await screen.findAllByTestId('interest-option', {}, { timeout: 2000 });
    // A real keyboard sends both `key` and `code`; Mantine's combobox reads `code`.
    fireEvent.keyDown(input, { key: 'ArrowDown', code: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
    await waitFor(() => expect(within(screen.getByTestId('group-0')).getByText('Hiking')).toBeTruthy());
  });

  it('reopens a saved audience with its chips named by the one audience query, no lookup per chip', async () => {
    const chip = (i: { id: string; name: string; path: string[] }) => ({
      id: i.id,
      name: i.name,
      path: i.path,
    });
    const cooking = { id: '210', name: 'Cooking', path: ['Food & Drink', 'Cooking'] };
    const { calls } = renderWithApi(<AudienceBuilderPage audienceId="a1" />, {
      ...api(),
      SavedAudience: () => ({
        data: {
          audience: {
            id: 'a1',
            name: 'Weekend climbers',
            createdAt: '2030-01-01T00:00:00Z',
            updatedAt: '2030-01-01T00:00:00Z',
            sizing: null,
            spec: {
              // '999' is a sensitive interest: the server leaves it out of includeInterests.
              include: [['101', '999'], ['102']],
              exclude: ['210'],
              countries: [],
              ageMin: 18,
              ageMax: null,
              recencyDays: 30,
              includeInterests: [[chip(hiking)], [chip(climbing)]],
              excludeInterests: [cooking],
            },
          },
        },
      }),
    });
    await screen.findByText('Weekend climbers');
    expect(within(screen.getByTestId('group-0')).getByText('Hiking')).toBeTruthy();
    expect(within(screen.getByTestId('group-1')).getByText('Climbing')).toBeTruthy();
    expect(within(screen.getByTestId('group-exclude')).getByText('not Cooking')).toBeTruthy();
    expect(screen.getByText(/1 interest in this saved audience is no\s+longer available/)).toBeTruthy();
    await screen.findByTestId('estimate-below-threshold', {}, { timeout: 3000 });
    expect(calls.filter((c) => c.operationName === 'SavedAudience')).toHaveLength(1);
    // Nothing but the audience itself, the country list and the estimate: no query per chip.
    expect(new Set(calls.map((c) => c.operationName))).toEqual(
      new Set(['SavedAudience', 'Countries', 'AudienceEstimate']),
    );
  });
});
