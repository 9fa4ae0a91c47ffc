import { isSingleEmoji } from '../../../common/validators';
import { parseLocaleAmount, parsePlainAmount } from './amounts';
import { columnReader, CsvFormat, hasColumns } from './csv-file';
import { isPlausibleDate } from './dates';
import { composeNote, NO_CATEGORY, When } from './format';

const COLUMNS = {
  amount: 'amount',
  currency: 'currency',
  title: 'title',
  note: 'note',
  date: 'date',
  income: 'income',
  category: 'category name',
  color: 'color',
  emoji: 'emoji',
};

/** `2024-01-15 13:45:00.000` (Cashew writes the phone's local time), or a date alone. */
function wallClock(text: string): When | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(text);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (!isPlausibleDate(date)) return null;
  if (match[4] === undefined) return { kind: 'day', date };
  const [hours, minutes, seconds] = [Number(match[4]), Number(match[5]), Number(match[6] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  return { kind: 'wallClock', date, seconds: hours * 3600 + minutes * 60 + seconds };
}

/** Cashew writes colours as `0xff4caf50` (alpha first) or `#4caf50`; a funnel's is `#4caf50`. */
function colour(text: string): string | undefined {
  const match = /^(?:#|0x)?(?:[0-9a-f]{2})?([0-9a-f]{6})$/i.exec(text);
  return match ? `#${match[1].toLowerCase()}` : undefined;
}

/**
 * Cashew's export: `account,amount,currency,title,note,date,income,type,category name,
 * subcategory name,color,icon,emoji,budget,objective`. Amounts are plain decimals, negative
 * for expenses; `income` true marks income. `date` is local time (`2024-01-15 13:45:00.000`),
 * kept as that time in the household's time zone. Each row names its currency: a row in another
 * currency than the household's is reported, not converted. A funnel created for a category
 * takes the category's emoji and colour from the file.
 */
export const cashewFormat: CsvFormat = {
  id: 'cashew',
  recognises: (columns) => hasColumns(columns, 'account', 'amount', 'currency', 'title', 'note', 'date', 'income', 'category name'),
  read(file, sink) {
    const cell = columnReader(file.header, COLUMNS);
    file.rows((cells, line) => {
      const amountText = cell(cells, 'amount');
      const amount = parsePlainAmount(amountText) ?? parseLocaleAmount(amountText);
      if (/^true$/i.test(cell(cells, 'income')) || (amount !== undefined && amount > 0)) return sink.skip(line, { code: 'income' });
      const emoji = cell(cells, 'emoji');
      sink.row({
        line,
        when: wallClock(cell(cells, 'date')),
        dateText: cell(cells, 'date'),
        dateExample: '2024-01-15 13:45:00.000',
        amount: amount === undefined ? undefined : Math.abs(amount),
        amountText,
        category: cell(cells, 'category') || NO_CATEGORY,
        categoryColumn: 'category name',
        note: composeNote(cell(cells, 'title'), cell(cells, 'note')),
        currency: cell(cells, 'currency').toUpperCase() || undefined,
        style: { emoji: isSingleEmoji(emoji) ? emoji : undefined, color: colour(cell(cells, 'color')) },
      });
    });
    return {};
  },
};
