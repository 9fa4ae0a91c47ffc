import { BadRequestException } from '@nestjs/common';
import { fileRefusal } from '../import-reasons';
import { parseLocaleAmount } from './amounts';
import { DateOrderEvidence, parseOrderedDate } from './dates';
import { CandidateRow, composeNote, NO_CATEGORY, ReadOptions, ReadResult, RowSink } from './format';

/** A QIF file starts with its section header: `!Type:Bank`, `!Account`, `!Option:AutoSwitch` … */
export function looksLikeQif(head: string): boolean {
  return /^\s*!(type|account|option|clear)\b/i.test(head);
}

/** Sections whose records are payments from an account (bank, cash, credit card, other asset or liability). */
const ACCOUNT_SECTIONS = new Set(['bank', 'cash', 'ccard', 'oth a', 'oth l']);
/** Sections that list things (accounts, categories, classes, memorised payees), not transactions. */
const LIST_SECTIONS = new Set(['account', 'cat', 'class', 'memorized', 'prices', 'security']);

interface QifRecord {
  line: number;
  /** `bank`, `ccard`, `invst` … (lower case). */
  section: string;
  fields: Array<{ code: string; value: string; line: number }>;
}

/** Each transaction record of the file in turn, a line at a time (the text is never split into an array of lines). */
function forEachRecord(text: string, typed: boolean, visit: (record: QifRecord) => void): void {
  let section = typed ? '' : 'bank'; // a file sent as QIF without a header: a bank account
  let fields: QifRecord['fields'] = [];
  const flush = () => {
    if (fields.length > 0 && section !== '' && !LIST_SECTIONS.has(section)) visit({ line: fields[0].line, section, fields });
    fields = [];
  };
  for (let line = 1, from = 0; from <= text.length; line++) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const raw = text.slice(from, to).replace(/\r$/, '');
    from = to + 1;
    if (raw.trim() === '') continue;
    if (raw[0] === '!') {
      flush();
      const header = raw.slice(1).trim().toLowerCase();
      if (header.startsWith('type:')) section = header.slice(5).trim();
      else if (header === 'account') section = 'account'; // the account's own record follows, up to ^
      continue; // !Option:… and !Clear:… change nothing here
    }
    if (raw[0] === '^') flush();
    // A field starts with its code: a capital letter, $ or % (split amounts and percentages).
    else if (/^[A-Z$%]/.test(raw)) fields.push({ code: raw[0], value: raw.slice(1).trim(), line });
    else if (raw === '\u001a') continue; // the end-of-file mark of old DOS programs
    else throw new BadRequestException(fileRefusal('notQif', { line }));
  }
  flush();
}

/** `Food:Groceries/Holiday` → `Food:Groceries`; `[Savings]` is another account (a transfer). */
function category(value: string): { transfer: boolean; name: string } {
  const name = value.split('/')[0].trim();
  return { transfer: /^\[.*\]$/.test(name), name };
}

/**
 * A Quicken Interchange Format file: `!Type:Bank` (or Cash, CCard, Oth A, Oth L) and records of
 * `D` date, `T` (or `U`) amount, `P` payee, `M` memo, `L` category, ended by `^`. A negative
 * amount is money going out, a positive one income; a category in brackets (`[Savings]`) is a
 * transfer to another account. A split transaction (`S` category, `E` memo, `$` amount per
 * part) is imported part by part. Dates are written the way the exporting program was set up
 * (`01/15/2024`, `15.01.2024`, `1/15'24`): month or day first is decided from the whole file.
 * Records of investment accounts are reported; lists of categories, classes and accounts are
 * not transactions and are passed over.
 */
export function readQif(text: string, sink: RowSink, options: ReadOptions & { typed: boolean }): ReadResult {
  const evidence = new DateOrderEvidence();
  forEachRecord(text, options.typed, (record) => {
    if (ACCOUNT_SECTIONS.has(record.section)) for (const f of record.fields) if (f.code === 'D') evidence.see(f.value);
  });
  const order = evidence.decide(options.dateOrder);

  forEachRecord(text, options.typed, (record) => {
    if (!ACCOUNT_SECTIONS.has(record.section)) {
      return sink.skip(record.line, { code: 'notTransaction', params: { section: `!Type:${record.section.replace(/^./, (c) => c.toUpperCase())}` } });
    }
    const first = (code: string) => record.fields.find((f) => f.code === code)?.value ?? '';
    const dateText = first('D');
    const date = parseOrderedDate(dateText, order ?? 'mdy');
    const payee = first('P');
    const base = {
      when: date && ({ kind: 'day', date } as const),
      dateText,
      dateExample: order === 'dmy' ? '15.01.2024' : '01/15/2024',
      categoryColumn: 'L',
    };
    // The parts of a split: S, then its E and $.
    const parts: Array<{ line: number; category: string; memo: string; amount: string }> = [];
    for (const f of record.fields) {
      if (f.code === 'S') parts.push({ line: f.line, category: f.value, memo: '', amount: '' });
      else if (f.code === 'E' && parts.length) parts[parts.length - 1].memo = f.value;
      else if (f.code === '$' && parts.length) parts[parts.length - 1].amount = f.value;
    }
    const entries = parts.length
      ? parts
      : [{ line: record.line, category: first('L'), memo: first('M'), amount: first('T') || first('U') }];
    for (const entry of entries) {
      const { transfer, name } = category(entry.category);
      if (transfer) {
        sink.skip(entry.line, { code: 'transfer' });
        continue;
      }
      const amount = parseLocaleAmount(entry.amount);
      if (amount !== undefined && amount > 0) {
        sink.skip(entry.line, { code: 'income' });
        continue;
      }
      const row: CandidateRow = {
        ...base,
        line: entry.line,
        amount: amount === undefined ? undefined : Math.abs(amount),
        amountText: entry.amount,
        category: name || NO_CATEGORY,
        note: composeNote(payee, parts.length ? entry.memo || first('M') : entry.memo),
      };
      sink.row(row);
    }
  });
  return order ? { dateOrder: order } : {};
}
