import { Select, Text } from '@mantine/core';
import type { Viewer } from '../hooks/useViewer.ts';

interface Props {
  viewer: Viewer;
  switching: boolean;
  onSwitch: (organizationId: string) => void;
}

/** The organisation name, or a switcher when the person belongs to several. */
export function OrgSwitcher({ viewer, switching, onSwitch }: Props) {
  if (viewer.organizations.length < 2) {
    return (
      <Text fw={600} size="sm" data-testid="org-name" truncate maw={{ base: 160, sm: 320 }}>
        {viewer.organization.name}
      </Text>
    );
  }
  return (
    <Select
      aria-label="Organisation"
      data-testid="org-switcher"
      size="xs"
      w={{ base: 170, sm: 240 }}
      disabled={switching}
      allowDeselect={false}
      value={viewer.organization.id}
      data={viewer.organizations.map((m) => ({
        value: m.organization.id,
        label: `${m.organization.name} · ${m.role.toLowerCase()}`,
      }))}
      onChange={(value) => {
        if (value && value !== viewer.organization.id) onSwitch(value);
      }}
    />
  );
}
