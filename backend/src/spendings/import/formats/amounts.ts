/**
 * Amounts as other apps and banks write them, to a signed number of major units:
 * `$1,500.00`, `kr 30,00`, `1.234,56 €`, `-12.50`, `−5`, `(12.50)`, `12.50-`, `1 234,56`, `1'234.56`.
 * A currency symbol or code around the number is ignored (the currency is the file's matter).
 * The decimal separator is the last `.` or `,` when both appear; a lone one followed by exactly
 * three digits groups thousands (`1,500`, `1.234`), otherwise it separates the decimals. Returns
 * undefined for anything else, and for more digits than an amount can have.
 */
export function parseLocaleAmount(text: string): number | undefined {
  let body = text.trim();
  if (body === '') return undefined;
  let negative = false;
  if (/^\(.*\)$/.test(body)) {
    negative = true;
    body = body.slice(1, -1);
  }
  // Signs anywhere (before or after the symbol, or trailing), at most one.
  const signs = body.match(/[-−+]/g) ?? [];
  if (signs.length > 1) return undefined;
  if (signs[0] === '-' || signs[0] === '−') negative = !negative;
  body = body.replace(/[-−+]/, '');
  // What is left around the digits: currency symbols and codes, spaces (never a separator
  // right before the first digit: `.50` is refused rather than read as 50).
  const match = /^(?:[^\d]*[^\d.,])?(\d(?:[\d.,' \u00a0\u202f’]*\d)?)[^\d]*$/u.exec(body);
  if (!match) return undefined;
  const number = match[1];
  const marks = number.replace(/[^.,]/g, '');
  let integer = number;
  let decimals = '';
  if (marks.length > 0) {
    const last = Math.max(number.lastIndexOf('.'), number.lastIndexOf(','));
    const before = number.slice(0, last);
    const after = number.slice(last + 1);
    const bothKinds = marks.includes('.') && marks.includes(',');
    let decimal: boolean;
    if (bothKinds) {
      if (marks.split(number[last]).length > 2) return undefined; // the decimal mark twice
      decimal = true;
    } else if (marks.length > 1) decimal = false; // the same mark again and again: thousands
    else decimal = !(after.length === 3 && /^[1-9]\d{0,2}$/.test(before)); // 1,500 and 1.234: thousands
    if (decimal) {
      if (!/^\d+$/.test(after)) return undefined;
      integer = before;
      decimals = after;
    }
  }
  // Thousands groups: the first of one to three digits, each later one of three.
  const groups = integer.split(/[.,' \u00a0\u202f’]/);
  if (groups.length > 1 && (groups[0].length === 0 || groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3))) return undefined;
  const digits = groups.join('');
  if (digits.length + decimals.length > 15) return undefined;
  const value = Number(`${digits}.${decimals || '0'}`);
  return negative ? -value : value;
}

/**
 * A plain decimal as apps write it in their own exports (`-12.5`, `1234.56`); a comma before the
 * decimals is accepted too. Thousands separators are not (use `parseLocaleAmount`).
 */
export function parsePlainAmount(text: string): number | undefined {
  const normalised = text.trim().replace(',', '.').replace(/^−/, '-');
  return /^[-+]?\d{1,15}(\.\d+)?$/.test(normalised) ? Number(normalised) : undefined;
}
