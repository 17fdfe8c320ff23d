/**
 * A text cell that a spreadsheet would run as a formula (OWASP "CSV injection"): a file or folder
 * name is enough to plant one, e.g. a folder named =HYPERLINK(...).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field, quoted only when it has to be (RFC 4180). A text cell that starts like a formula gets
 * a leading ' inside quotes, OWASP's advice, so spreadsheets show it as text. Numbers are left as they are.
 */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  if (FORMULA_START.test(v)) return `"'${v.replace(/"/g, '""')}"`;
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
