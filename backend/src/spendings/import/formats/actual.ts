import { parseLocaleAmount, parsePlainAmount } from './amounts';
import { columnReader, CsvFormat, hasColumns, unguard } from './csv-file';
import { parseIsoDate } from './dates';
import { composeNote, NO_CATEGORY } from './format';

const COLUMNS = { date: 'Date', payee: 'Payee', notes: 'Notes', category: 'Category', amount: 'Amount', splitAmount: 'Split_Amount' };
const SPLIT_PARENT = /^\(split into \d+\)\s*/i;
const SPLIT_CHILD = /^\(split \d+ of \d+\)\s*/i;

/**
 * Actual Budget's account export: `Account,Date,Payee,Notes,Category,Amount,Split_Amount,Cleared`
 * (newer versions add `Category_Group` after Notes). Dates are 2024-01-15, amounts plain
 * decimals, negative for money going out (positive: income). A split transaction is exported as
 * its parent (Amount 0, the total in Split_Amount, notes `(SPLIT INTO 2)`), skipped, and its
 * parts (notes `(SPLIT 1 OF 2)`), imported each in its own category. Text cells that began with
 * `=`, `+`, `-`, `@`, a tab or a carriage return were given a leading `'` against spreadsheet
 * formulas; it is taken off again.
 */
export const actualFormat: CsvFormat = {
  id: 'actual',
  recognises: (columns) => hasColumns(columns, 'account', 'date', 'payee', 'notes', 'category', 'amount', 'split_amount'),
  read(file, sink) {
    const cellOf = columnReader(file.header, COLUMNS);
    file.rows((cells, line) => {
      const cell = (name: keyof typeof COLUMNS) => unguard(cellOf(cells, name));
      const amountText = cell('amount');
      const amount = parsePlainAmount(amountText) ?? parseLocaleAmount(amountText);
      const split = parsePlainAmount(cell('splitAmount')) ?? 0;
      const notes = cell('notes');
      if (SPLIT_PARENT.test(notes) || (amount === 0 && split !== 0)) return sink.skip(line, { code: 'splitParent' });
      const payee = cell('payee');
      if (/^transfer\s*(:|to\b|from\b)/i.test(payee)) return sink.skip(line, { code: 'transfer' });
      if (amount !== undefined && amount > 0) return sink.skip(line, { code: 'income' });
      const date = parseIsoDate(cell('date'));
      sink.row({
        line,
        when: date && { kind: 'day', date },
        dateText: cell('date'),
        dateExample: '2024-01-15',
        amount: amount === undefined ? undefined : Math.abs(amount),
        amountText,
        category: cell('category') || NO_CATEGORY,
        categoryColumn: 'Category',
        note: composeNote(payee, notes.replace(SPLIT_CHILD, '')),
      });
    });
    return {};
  },
};
