import { parsePlainAmount } from './amounts';
import { columnReader, CsvFormat, hasColumns } from './csv-file';
import { isPlausibleDate } from './dates';
import { composeNote, NO_CATEGORY, When } from './format';

const COLUMNS = {
  journalId: 'journal_id',
  type: 'type',
  currency: 'currency_code',
  amount: 'amount',
  description: 'description',
  date: 'date',
  category: 'category',
  notes: 'notes',
};

/**
 * `2024-01-15T00:00:00+01:00`. Firefly III keeps the date of a transaction and, in newer
 * versions, its time: a time of midnight is read as the date alone (midday in the household's
 * time zone, so a household elsewhere keeps the same day), any other as that instant.
 */
function fireflyDate(text: string): When | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.exec(text);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (!isPlausibleDate(date)) return null;
  if (match[4] === '00' && match[5] === '00' && match[6] === '00') return { kind: 'day', date };
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : { kind: 'instant', at };
}

/**
 * Firefly III's transaction export (`user_id,group_id,journal_id,…,type,currency_code,amount,…,
 * description,date,source_name,…,category,budget,bill,tags,notes,…`), read by column name. Only
 * withdrawals are money going out; deposits are income, transfers and the rest (opening
 * balances, reconciliations) are reported as skipped. Each journal of a split withdrawal is a
 * row of its own with its own category. The journal id is kept: importing the same export again
 * adds nothing.
 */
export const fireflyFormat: CsvFormat = {
  id: 'firefly',
  recognises: (columns) => hasColumns(columns, 'journal_id', 'type', 'currency_code', 'amount', 'description', 'date', 'category'),
  read(file, sink) {
    const cell = columnReader(file.header, COLUMNS);
    file.rows((cells, line) => {
      const type = cell(cells, 'type');
      const kind = type.toLowerCase();
      if (kind === 'deposit') return sink.skip(line, { code: 'income' });
      if (kind === 'transfer') return sink.skip(line, { code: 'transfer' });
      if (kind !== 'withdrawal') return sink.skip(line, { code: 'notWithdrawal', params: { type } });
      const amountText = cell(cells, 'amount');
      const amount = parsePlainAmount(amountText);
      const journalId = cell(cells, 'journalId');
      sink.row({
        line,
        when: fireflyDate(cell(cells, 'date')),
        dateText: cell(cells, 'date'),
        dateExample: '2024-01-15T00:00:00+01:00',
        amount: amount === undefined ? undefined : Math.abs(amount),
        amountText,
        category: cell(cells, 'category') || NO_CATEGORY,
        categoryColumn: 'category',
        note: composeNote(cell(cells, 'description'), cell(cells, 'notes')),
        currency: cell(cells, 'currency').toUpperCase() || undefined,
        ...(journalId ? { externalId: `firefly:${journalId}`, externalKey: 'journal_id' } : {}),
      });
    });
    return {};
  },
};
