// A small RFC 4180 reader (quotes, doubled quotes, CRLF, BOM): label files are tiny next to
// images, so clarity beats streaming here. Each row keeps its 1-based line number for messages.

export interface CsvRow {
  line: number;
  fields: string[];
}

/** A UTF-8 byte-order mark (Excel's "CSV UTF-8", Windows editors' JSON) reads as U+FEFF at the start. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function parseCsv(text: string): CsvRow[] {
  text = stripBom(text);
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const endRow = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      endRow();
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
      rowLine = line;
    } else field += c;
    i++;
  }
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}
