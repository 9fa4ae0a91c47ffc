import { parseLocaleAmount } from './amounts';
import { columnReader, CsvFormat, hasColumns } from './csv-file';
import { DateOrderEvidence, parseOrderedDate } from './dates';
import { composeNote, NO_CATEGORY } from './format';

const COLUMNS = {
  date: 'Date',
  payee: 'Payee',
  groupAndCategory: 'Category Group/Category',
  category: 'Category',
  memo: 'Memo',
  outflow: 'Outflow',
  inflow: 'Inflow',
};

/**
 * YNAB's register export: `"Account","Flag","Date","Payee","Category Group/Category",
 * "Category Group","Category","Memo","Outflow","Inflow","Cleared"`. Amounts are written the
 * budget's way (`$1,500.00`, `kr 30,00`, `1.234,56 €`), dates in the user's chosen format
 * (month or day first: decided from the whole file, refused when it cannot tell). Outflows
 * become spendings in the funnel named like the category; inflows are income; a payee
 * `Transfer : Savings` is a transfer; the parts of a split (memo `Split (1/2) …`) are rows of
 * their own and are imported one by one, each with its own category.
 */
export const ynabFormat: CsvFormat = {
  id: 'ynab',
  recognises: (columns) => hasColumns(columns, 'account', 'flag', 'date', 'payee', 'category group/category', 'memo', 'outflow', 'inflow'),
  read(file, sink, options) {
    const cell = columnReader(file.header, COLUMNS);
    const evidence = new DateOrderEvidence();
    file.rows((cells) => evidence.see(cell(cells, 'date')));
    const order = evidence.decide(options.dateOrder);

    file.rows((cells, line) => {
      const payee = cell(cells, 'payee');
      if (/^transfer\s*:/i.test(payee)) return sink.skip(line, { code: 'transfer' });
      const outflowText = cell(cells, 'outflow');
      const outflow = outflowText === '' ? 0 : parseLocaleAmount(outflowText);
      const inflow = parseLocaleAmount(cell(cells, 'inflow')) ?? 0;
      if (outflow === 0 && inflow > 0) return sink.skip(line, { code: 'income' });
      const dateText = cell(cells, 'date');
      const date = parseOrderedDate(dateText, order ?? 'mdy');
      sink.row({
        line,
        when: date && { kind: 'day', date },
        dateText,
        dateExample: order === 'dmy' ? '15/01/2024' : '01/15/2024',
        amount: outflow,
        amountText: outflowText,
        category: cell(cells, 'category') || cell(cells, 'groupAndCategory') || NO_CATEGORY,
        categoryColumn: 'Category',
        note: composeNote(payee, cell(cells, 'memo').replace(/^split \(\d+\/\d+\)\s*/i, '')),
      });
    });
    return order ? { dateOrder: order } : {};
  },
};
