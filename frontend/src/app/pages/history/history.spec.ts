import { HistoryPeriodDto } from '../../api/models';
import { historyFunnels, historyRows } from './history';

const PERIODS: HistoryPeriodDto[] = [
  {
    start: '2026-04-14T22:00:00.000Z',
    end: '2026-05-14T22:00:00.000Z',
    funnels: [
      { id: 'food', name: 'Food', color: '#ffa500', limit: 2600, spent: 100.1 },
      { id: 'fuel', name: 'Fuel', color: '#000000', limit: 150, spent: 0.2 },
    ],
  },
  { start: '2026-03-14T23:00:00.000Z', end: '2026-04-14T22:00:00.000Z', funnels: [{ id: 'food', name: 'Food', color: '#ffa500', limit: 2000, spent: 500 }] },
];

describe('history rows', () => {
  it('lists periods oldest first with exact totals, for all funnels or one', () => {
    expect(historyRows(PERIODS, null, 'Europe/Berlin', 'en-GB')).toEqual([
      { start: PERIODS[1].start, end: PERIODS[1].end, label: '15 Mar – 14 Apr', limit: 2000, spent: 500 },
      { start: PERIODS[0].start, end: PERIODS[0].end, label: '15 Apr – 14 May', limit: 2750, spent: 100.3 },
    ]);
    expect(historyRows(PERIODS, 'fuel', 'Europe/Berlin', 'en-GB').map((r) => [r.limit, r.spent])).toEqual([
      [0, 0],
      [150, 0.2],
    ]);
  });

  it('offers every funnel seen in the periods', () => {
    expect(historyFunnels(PERIODS).map((f) => f.name)).toEqual(['Food', 'Fuel']);
  });
});
