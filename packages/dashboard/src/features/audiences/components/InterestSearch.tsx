import { Combobox, Group, Loader, Stack, Text, TextInput, useCombobox } from '@mantine/core';
import { useState } from 'react';
import { describeError } from '../../../graphql/errors.ts';
import { formatRange } from '../../../ui/format.ts';
import type { ChipInterest } from '../hooks/audienceDraft.ts';
import { type InterestNode, useInterestSearch } from '../hooks/useInterests.ts';

export function sizeLabel(node: Pick<InterestNode, 'sizeRange'>): string {
  const s = node.sizeRange;
  return s ? formatRange(s.lowerBound, s.upperBound) : 'too few to size';
}

interface Props {
  onPick: (interest: ChipInterest) => void;
  label?: string;
  disabled?: boolean;
}

/** Typeahead over the taxonomy: each option shows its path and size range. Enter picks, Esc closes. */
export function InterestSearch({ onPick, label = 'Search interests', disabled }: Props) {
  const [search, setSearch] = useState('');
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const { interests, fetching, error, searched } = useInterestSearch(search);
  const byId = new Map(interests.map((i) => [i.id, i]));

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(id) => {
        const node = byId.get(id);
        if (node) onPick({ id: node.id, name: node.name, path: node.path });
        setSearch('');
        combobox.closeDropdown();
      }}
    >
      <Combobox.Target>
        <TextInput
          label={label}
          placeholder="e.g. hiking, electric cars, jazz"
          value={search}
          disabled={disabled}
          data-testid="interest-search"
          rightSection={fetching && search.trim().length >= 2 ? <Loader size={14} /> : null}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={search.trim().length < 2}>
        <Combobox.Options mah={320} style={{ overflowY: 'auto' }} data-testid="interest-options">
          {error ? (
            <Combobox.Empty>{describeError(error).message}</Combobox.Empty>
          ) : interests.length === 0 ? (
            <Combobox.Empty>{fetching ? 'Searching…' : `No interest matches “${searched}”.`}</Combobox.Empty>
          ) : (
            interests.map((node) => (
              <Combobox.Option value={node.id} key={node.id} data-testid="interest-option">
                <Group justify="space-between" wrap="nowrap" gap="sm">
                  <Stack gap={0} miw={0}>
                    <Text size="sm" fw={500} truncate>
                      {node.name}
                    </Text>
                    <Text size="xs" c="dimmed" truncate>
                      {node.path.join(' › ')}
                    </Text>
                  </Stack>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {sizeLabel(node)}
                  </Text>
                </Group>
              </Combobox.Option>
            ))
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
