/**
 * CSV as RFC 4180 has it: CRLF line ends, cells with a comma, quote or line break in
 * double quotes, quotes doubled. A text cell starting with = + - @ (or a tab or carriage
 * return) is prefixed with an apostrophe so a spreadsheet shows it instead of running it.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvCell(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: Array<string | number>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
