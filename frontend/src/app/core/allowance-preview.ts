import { addMoney } from './money';

export interface AllowancePreview {
  /** Today's allowance as it is now. */
  current: number;
  /** What it would be after spending the typed amount in this funnel; null when nothing valid is typed. */
  after: number | null;
  /** True when the spending would take today's allowance below zero. */
  overspends: boolean;
}

/** What the dashboard shows for one funnel while an amount is being typed. */
export function previewAllowance(allowanceToday: number, typedAmount: number | null): AllowancePreview {
  if (typedAmount === null) return { current: allowanceToday, after: null, overspends: false };
  const after = addMoney(allowanceToday, -typedAmount);
  return { current: allowanceToday, after, overspends: after < 0 };
}
