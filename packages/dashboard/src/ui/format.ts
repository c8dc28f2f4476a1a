const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 3 });
const whole = new Intl.NumberFormat('en');

/** Shows a number the API sent; compact notation keeps its (two) significant digits intact. */
export function formatCount(n: number): string {
  return n >= 10_000 ? compact.format(n) : whole.format(n);
}

/** "12K – 15K" from the API's bounds; never derives a midpoint or a refined figure. */
export function formatRange(lower: number | null | undefined, upper: number | null | undefined): string {
  if (lower == null || upper == null) return '—';
  if (lower === upper) return formatCount(lower);
  return `${formatCount(lower)} – ${formatCount(upper)}`;
}

export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 2 }).format(
      amount,
    );
  } catch {
    // An unknown ISO code from an old record: show the code rather than fail the whole table.
    return `${whole.format(amount)} ${currency}`;
  }
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value.length === 10 ? `${value}T00:00:00` : value);
  if (Number.isNaN(d.getTime())) return value;
  return d.toLocaleDateString('en', { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return 'Never';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return d.toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
}
