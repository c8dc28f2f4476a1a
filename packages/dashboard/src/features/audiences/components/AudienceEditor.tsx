import {
  Collapse,
  Button,
  Group,
  MultiSelect,
  RangeSlider,
  SegmentedControl,
  Stack,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import {
  AGE_MIN,
  AGE_TOP,
  type AudienceDraft,
  type DraftAction,
  type DraftTarget,
  RECENCY_OPTIONS,
  type RecencyDays,
} from '../hooks/audienceDraft.ts';
import { useCountries } from '../hooks/useCountries.ts';
import { InterestGroups } from './InterestGroups.tsx';
import { InterestSearch } from './InterestSearch.tsx';
import { TaxonomyBrowser } from './TaxonomyBrowser.tsx';

interface Props {
  draft: AudienceDraft;
  dispatch: (action: DraftAction) => void;
  target: DraftTarget;
  onTarget: (target: DraftTarget) => void;
}

/** Everything that shapes an audience spec; sizing lives beside it. */
export function AudienceEditor({ draft, dispatch, target, onTarget }: Props) {
  const [browsing, setBrowsing] = useState(false);
  const { countries, error: countriesError } = useCountries();
  const add = (interest: { id: string; name: string; path: readonly string[] }) =>
    dispatch({ type: 'add', target, interest });

  return (
    <Stack gap="md">
      <Stack gap={6}>
        <InterestSearch onPick={add} />
        <Group gap="xs">
          <Button
            size="compact-sm"
            variant="subtle"
            onClick={() => setBrowsing((b) => !b)}
            aria-expanded={browsing}
            data-testid="browse-toggle"
          >
            {browsing ? 'Hide categories' : 'Browse categories'}
          </Button>
        </Group>
        <Collapse expanded={browsing}>{browsing ? <TaxonomyBrowser onPick={add} /> : null}</Collapse>
      </Stack>
      <InterestGroups draft={draft} dispatch={dispatch} target={target} onTarget={onTarget} />
      {countriesError ? <ErrorAlert error={countriesError} title="Could not load countries" /> : null}
      <MultiSelect
        label="Countries"
        description="Leave empty for every eligible country. Excluded regions cannot be targeted."
        placeholder={draft.countries.length ? undefined : 'All eligible countries'}
        searchable
        clearable
        data-testid="country-select"
        value={draft.countries}
        onChange={(value) => dispatch({ type: 'countries', countries: value })}
        data={countries.map((c) => ({
          value: c.code,
          label: c.excluded ? `${c.name} — ${c.reason ?? 'excluded'}` : c.name,
          disabled: c.excluded,
        }))}
        nothingFoundMessage="No country matches"
        comboboxProps={{ withinPortal: true }}
      />
      <Stack gap={4}>
        <Text size="sm" fw={500} id="age-label">
          Age: {draft.ageMin}–{draft.ageMax === null ? `${AGE_TOP}+` : draft.ageMax}
        </Text>
        <RangeSlider
          aria-labelledby="age-label"
          min={AGE_MIN}
          max={AGE_TOP}
          minRange={0}
          value={[draft.ageMin, draft.ageMax ?? AGE_TOP]}
          onChange={([min, max]) =>
            dispatch({ type: 'age', ageMin: min, ageMax: max >= AGE_TOP ? null : max })
          }
          label={(v) => (v >= AGE_TOP ? `${AGE_TOP}+` : String(v))}
          marks={[
            { value: 18, label: '18' },
            { value: 35, label: '35' },
            { value: 50, label: '50' },
            { value: 65, label: '65+' },
          ]}
          thumbFromLabel="Minimum age"
          thumbToLabel="Maximum age"
          mb="md"
          data-testid="age-range"
        />
      </Stack>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="recency-label">
          Interest shown in the last
        </Text>
        <SegmentedControl
          aria-labelledby="recency-label"
          value={String(draft.recencyDays)}
          onChange={(v) => dispatch({ type: 'recency', recencyDays: Number(v) as RecencyDays })}
          data={RECENCY_OPTIONS.map((d) => ({ value: String(d), label: `${d} days` }))}
          data-testid="recency"
        />
      </Stack>
    </Stack>
  );
}
