import { Badge } from '@mantine/core';
import type { CampaignStatus } from '../hooks/useCampaigns.ts';

const COLORS: Record<CampaignStatus, string> = {
  DRAFT: 'gray',
  ACTIVE: 'teal',
  PAUSED: 'yellow',
  ENDED: 'dark',
};
const LABELS: Record<CampaignStatus, string> = {
  DRAFT: 'Draft',
  ACTIVE: 'Active',
  PAUSED: 'Paused',
  ENDED: 'Ended',
};

export function StatusBadge({ status }: { status: CampaignStatus }) {
  return (
    <Badge color={COLORS[status]} variant="light" data-testid="campaign-status">
      {LABELS[status]}
    </Badge>
  );
}
