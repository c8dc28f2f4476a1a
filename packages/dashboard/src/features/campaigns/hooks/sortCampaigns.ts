import type { Campaign } from './useCampaigns.ts';

export type SortKey = 'name' | 'status' | 'budget' | 'startDate' | 'endDate' | 'size';
export interface Sort {
  key: SortKey;
  direction: 'asc' | 'desc';
}

const STATUS_ORDER = { ACTIVE: 0, PAUSED: 1, DRAFT: 2, ENDED: 3 } as const;

function value(c: Campaign, key: SortKey): string | number {
  switch (key) {
    case 'name':
      return c.name.toLowerCase();
    case 'status':
      return STATUS_ORDER[c.status];
    case 'budget':
      return c.budgetAmount;
    case 'startDate':
      return c.startDate;
    case 'endDate':
      return c.endDate ?? '9999-12-31';
    case 'size':
      return c.sizing && !c.sizing.belowThreshold ? (c.sizing.lowerBound ?? -1) : -1;
  }
}

export function sortCampaigns(list: readonly Campaign[], sort: Sort): Campaign[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...list].sort((a, b) => {
    const x = value(a, sort.key);
    const y = value(b, sort.key);
    return x < y ? -sign : x > y ? sign : a.name.localeCompare(b.name);
  });
}

export function filterCampaigns(list: readonly Campaign[], text: string): Campaign[] {
  const q = text.trim().toLowerCase();
  if (!q) return [...list];
  return list.filter(
    (c) => c.name.toLowerCase().includes(q) || (c.savedAudience?.name.toLowerCase().includes(q) ?? false),
  );
}
