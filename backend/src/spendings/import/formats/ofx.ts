import { parseLocaleAmount, parsePlainAmount } from './amounts';
import { isPlausibleDate } from './dates';
import { composeNote, NO_CATEGORY, ReadResult, RowSink } from './format';

/** An OFX file says so near its start: the SGML header (v1) or the processing instruction (v2). */
export function looksLikeOfx(head: string): boolean {
  return /^\s*OFXHEADER\s*:/i.test(head) || /<\?OFX\b/i.test(head) || /<OFX>/i.test(head);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * The value of element `name` inside `block`: up to the next tag or line end, which covers
 * SGML (v1, no closing tags: `<TRNAMT>-12.50`) and XML (v2: `<TRNAMT>-12.50</TRNAMT>`).
 */
function element(block: string, name: string): string {
  const match = new RegExp(`<${name}>([^<\\r\\n]*)`, 'i').exec(block);
  return match ? decodeEntities(match[1].trim()) : '';
}

/** `20240115`, `20240115120000`, `20240115120000.000[-5:EST]`: the date as the bank wrote it. */
function postedDate(text: string) {
  const match = /^(\d{4})(\d{2})(\d{2})/.exec(text);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isPlausibleDate(date) ? date : null;
}

/** Tags that matter, in the order they come: statements (their account and currency) and their transactions. */
const TAGS = /<(\/?STMTTRN|CURDEF|ACCTID|\/BANKTRANLIST)>/gi;

/**
 * A bank statement in OFX, SGML (1.x, elements without closing tags) or XML (2.x). Each
 * `<STMTTRN>` is a transaction: TRNAMT negative is money going out (a spending), positive is
 * income; DTPOSTED gives the day; NAME and MEMO make the note. OFX has no categories: every row
 * is listed under "(no category)" to be mapped to a funnel. FITID, the bank's id of the
 * transaction in that account, is kept, so importing the same statement (or one that overlaps
 * it) again adds nothing. The currency is the statement's CURDEF, or the transaction's own.
 * No maintained OFX package fits here: those build the whole document as objects (a second,
 * larger copy of the file), where this reads one transaction at a time.
 */
export function readOfx(text: string, sink: RowSink): ReadResult {
  let account = '';
  let currency = '';
  let open = -1;
  // Line numbers, counted forwards only once.
  let countedTo = 0;
  let line = 1;
  const lineAt = (index: number) => {
    for (let i = text.indexOf('\n', countedTo); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
    countedTo = Math.max(countedTo, index);
    return line;
  };
  const transaction = (from: number, to: number) => {
    const block = text.slice(from, to);
    const at = lineAt(from);
    const amountText = element(block, 'TRNAMT');
    const amount = parsePlainAmount(amountText) ?? parseLocaleAmount(amountText);
    if (amount !== undefined && amount > 0) return sink.skip(at, { code: 'income' });
    const posted = element(block, 'DTPOSTED');
    const date = postedDate(posted);
    const own = /<CURRENCY>/i.exec(block);
    const fitId = element(block, 'FITID');
    sink.row({
      line: at,
      when: date && { kind: 'day', date },
      dateText: posted,
      dateExample: '20240115',
      amount: amount === undefined ? undefined : Math.abs(amount),
      amountText,
      category: NO_CATEGORY,
      categoryColumn: 'category',
      note: composeNote(element(block, 'NAME'), element(block, 'MEMO')),
      currency: ((own ? element(block.slice(own.index), 'CURSYM') : '') || currency).toUpperCase() || undefined,
      ...(fitId ? { externalId: `ofx:${account}:${fitId}`, externalKey: 'FITID' } : {}),
    });
  };
  TAGS.lastIndex = 0;
  for (let match = TAGS.exec(text); match; match = TAGS.exec(text)) {
    const tag = match[1].toUpperCase();
    if (tag === 'STMTTRN') {
      if (open >= 0) transaction(open, match.index); // the previous one was never closed
      open = match.index;
    } else if (tag === '/STMTTRN' || tag === '/BANKTRANLIST') {
      if (open >= 0) transaction(open, match.index);
      open = -1;
    } else if (tag === 'CURDEF') currency = element(text.slice(match.index, match.index + 40), 'CURDEF');
    else if (tag === 'ACCTID') account = element(text.slice(match.index, match.index + 60), 'ACCTID');
  }
  if (open >= 0) transaction(open, text.length);
  return {};
}
