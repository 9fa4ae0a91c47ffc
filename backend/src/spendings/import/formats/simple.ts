import { isInstant } from '../../../common/validators';
import { parsePlainAmount } from './amounts';
import { columnReader, CsvFile, CsvFormat, hasColumns, unguard } from './csv-file';
import { parseIsoDate } from './dates';
import type { RowSink, When } from './format';

const COLUMNS = { date: 'date', amount: 'amount', funnel: 'funnel', note: 'note', spentAt: 'spentAt', id: 'id' };

/**
 * STracker's own CSV: its export (`date,amount,funnel,note,author,spentAt,id`) and the simple
 * `date,amount,funnel,note` a person writes by hand. Funnels by name, the date as 2026-03-10
 * (midday in the household's time zone) or the exact instant in spentAt; a row's id (from an
 * export) makes importing the same file again harmless. Nothing here is shortened: a note over
 * 140 characters is reported, as POST /api/spendings would refuse it.
 */
function read(file: CsvFile, sink: RowSink): void {
  const cellOf = columnReader(file.header, COLUMNS);
  file.rows((cells, line) => {
    const cell = (name: keyof typeof COLUMNS) => unguard(cellOf(cells, name));
    const instant = cell('spentAt');
    const day = instant ? null : parseIsoDate(cell('date'));
    const when: When | null = instant ? (isInstant(instant) ? { kind: 'instant', at: new Date(instant) } : null) : day && { kind: 'day', date: day };
    sink.row({
      line,
      when,
      dateText: instant || cell('date'),
      dateExample: '2026-03-10',
      amount: parsePlainAmount(cell('amount')),
      amountText: cell('amount'),
      category: cell('funnel'),
      categoryColumn: 'funnel',
      note: cell('note'),
      id: cell('id') || undefined,
    });
  });
}

export const strackerFormat: CsvFormat = {
  id: 'stracker',
  recognises: (columns) => hasColumns(columns, 'date', 'amount', 'funnel', 'note', 'author', 'spentat', 'id'),
  read: (file, sink) => (read(file, sink), {}),
};

export const simpleFormat: CsvFormat = {
  id: 'simple',
  recognises: (columns) => hasColumns(columns, 'amount', 'funnel') && (columns.has('date') || columns.has('spentat')),
  read: (file, sink) => (read(file, sink), {}),
};
