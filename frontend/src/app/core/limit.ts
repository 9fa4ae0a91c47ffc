/** A funnel limit as typed: like an amount, but 0 is allowed. */
export function parseLimit(text: string): number | null {
  const normalised = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^\d{1,10}(\.\d{1,2})?$/.test(normalised)) return null;
  const value = Number(normalised);
  return value <= 1_000_000_000 ? Math.round(value * 100) / 100 : null;
}
