import { HistoryPeriodDto } from '../../api/models';
import { axisMoney, historyFunnels, historyRows, nothingSpent } from './history';

/** ICU puts thin spaces around the dash of a range; the dates are what matter here. */
const plain = (text: string) => text.replace(/[\u2009\u202f\u00a0]/g, ' ');
const rowsOf = (...args: Parameters<typeof historyRows>) => historyRows(...args).map((r) => ({ ...r, label: plain(r.label) }));

const PERIODS: HistoryPeriodDto[] = [
  {
    start: '2026-04-14T22:00:00.000Z',
    end: '2026-05-14T22:00:00.000Z',
    funnels: [
      { id: 'food', name: 'Food', color: '#ffa500', limit: 2600, carried: 0, spent: 100.1 },
      { id: 'fuel', name: 'Fuel', color: '#000000', limit: 150, carried: 0, spent: 0.2 },
    ],
  },
  { start: '2026-03-14T23:00:00.000Z', end: '2026-04-14T22:00:00.000Z', funnels: [{ id: 'food', name: 'Food', color: '#ffa500', limit: 2000, carried: 0, spent: 500 }] },
];

/** Two periods in which the household had no funnels yet, as the server sends them (newest first). */
const BEFORE: HistoryPeriodDto[] = [
  { start: '2026-02-14T23:00:00.000Z', end: '2026-03-14T23:00:00.000Z', funnels: [] },
  { start: '2026-01-14T23:00:00.000Z', end: '2026-02-14T23:00:00.000Z', funnels: [] },
];

describe('history rows', () => {
  it('lists periods newest first (the current one marked) with exact totals, for all funnels or one', () => {
    expect(rowsOf(PERIODS, null, 'Europe/Berlin', 'en-GB')).toEqual([
      { start: PERIODS[0].start, end: PERIODS[0].end, label: '15 Apr – 14 May', shortLabel: '15 Apr', current: true, limit: 2750, carried: 0, available: 2750, spent: 100.3 },
      { start: PERIODS[1].start, end: PERIODS[1].end, label: '15 Mar – 14 Apr', shortLabel: '15 Mar', current: false, limit: 2000, carried: 0, available: 2000, spent: 500 },
    ]);
    expect(historyRows(PERIODS, 'food', 'Europe/Berlin', 'en-GB').map((r) => [r.limit, r.spent])).toEqual([
      [2600, 100.1],
      [2000, 500],
    ]);
  });

  it('leaves out the periods before the history began, for all funnels and for one', () => {
    expect(rowsOf([...PERIODS, ...BEFORE], null, 'Europe/Berlin', 'en-GB').map((r) => r.label)).toEqual(['15 Apr – 14 May', '15 Mar – 14 Apr']);
    // Fuel appeared only in the newest period: the one before is not "0 of 0" for it.
    expect(rowsOf([...PERIODS, ...BEFORE], 'fuel', 'Europe/Berlin', 'en-GB').map((r) => [r.label, r.limit, r.spent])).toEqual([['15 Apr – 14 May', 150, 0.2]]);
  });

  it('gives a new household one row, the current period, and says nothing was spent', () => {
    const fresh: HistoryPeriodDto[] = [
      { start: '2026-11-14T23:00:00.000Z', end: '2026-12-14T23:00:00.000Z', funnels: [{ id: 'food', name: 'Food', color: '#ffa500', limit: 2000, carried: 0, spent: 0 }, { id: 'misc', name: 'Misc', color: '#48d1cc', limit: 2000, carried: 0, spent: 0 }] },
      ...BEFORE,
      ...BEFORE,
      { start: '2026-06-14T22:00:00.000Z', end: '2026-07-14T22:00:00.000Z', funnels: [] },
    ];
    const rows = rowsOf(fresh, null, 'Europe/Berlin', 'en-GB');
    expect(rows.map((r) => [r.label, r.current, r.limit, r.spent])).toEqual([['15 Nov – 14 Dec', true, 4000, 0]]);
    expect(nothingSpent(rows)).toBe(true);
    expect(nothingSpent(historyRows(PERIODS, null, 'Europe/Berlin'))).toBe(false);
    expect(historyRows(BEFORE, null, 'Europe/Berlin')).toEqual([]);
  });

  it('keeps a period between others even when nothing was spent in it', () => {
    const gap: HistoryPeriodDto[] = [PERIODS[0], { ...PERIODS[1], funnels: [{ ...PERIODS[1].funnels[0], spent: 0 }] }, ...BEFORE];
    expect(historyRows(gap, null, 'Europe/Berlin', 'en-GB').map((r) => r.spent)).toEqual([100.3, 0]);
  });

  it('adds up what rollover carried into each period, for all funnels or one (an overspend carries in as negative)', () => {
    const carried: HistoryPeriodDto[] = [
      { ...PERIODS[0], funnels: [{ ...PERIODS[0].funnels[0], carried: 200.1 }, { ...PERIODS[0].funnels[1], carried: -50.2 }] },
      PERIODS[1],
    ];
    expect(historyRows(carried, null, 'Europe/Berlin', 'en-GB').map((r) => [r.limit, r.carried, r.available])).toEqual([
      [2750, 149.9, 2899.9],
      [2000, 0, 2000],
    ]);
    expect(historyRows(carried, 'fuel', 'Europe/Berlin', 'en-GB').map((r) => [r.carried, r.available])).toEqual([[-50.2, 99.8]]);
  });

  it('offers every funnel seen in the periods', () => {
    expect(historyFunnels(PERIODS).map((f) => f.name)).toEqual(['Food', 'Fuel']);
  });
});

describe('chart axis labels', () => {
  it('show whole amounts, never cents', () => {
    expect(axisMoney(0, 'EUR', 'en-US')).toBe('€0');
    expect(axisMoney(250, 'EUR', 'en-US')).toBe('€250');
    expect(axisMoney(2000, 'USD', 'en-US')).toBe('$2,000');
    expect(axisMoney(999.99, 'USD', 'en-US')).toBe('$1,000');
    expect(axisMoney(2000, 'EUR', 'de-DE')).toBe('2.000\u00a0€');
  });

  it('shorten large amounts so a phone has room for the bars', () => {
    expect(axisMoney(12_000, 'USD', 'en-US')).toBe('$12K');
    expect(axisMoney(1_250_000, 'USD', 'en-US')).toBe('$1.3M');
  });

  it('fall back to plain numbers for a code Intl does not know', () => {
    expect(axisMoney(1500, 'XYZ1', 'en-US')).toBe('1,500');
  });
});
