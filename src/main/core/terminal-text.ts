// Text for a terminal: what the CLI prints and what `winnow serve` logs passes through here. File names, labels, CSV cells and the bytes inside a
// .tfrec come from outside: a name like "a\x1b]0;pwned\x07.png" would set the terminal's title,
// "\x1b[2J.jpg" would clear the screen, and U+202E would print the rest of a line backwards. Such
// characters are shown as visible escapes (\x1b, \u202e) instead, so what is printed is what is there.

// C0 controls, DEL, C1 controls, and the bidi marks, embeddings, overrides and isolates.
const CONTROLS = '\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const ALL = new RegExp(`[${CONTROLS}]`, 'g');
/** The same without the newline: for whole blocks of text whose lines the CLI itself separates. */
const ALL_BUT_NEWLINE = new RegExp(`[${CONTROLS.replace('\\u0000-\\u001f', '\\u0000-\\u0009\\u000b-\\u001f')}]`, 'g');
/** Those that JSON.stringify leaves raw (it escapes C0 itself). */
export const JSON_RAW = new RegExp(`[${CONTROLS.replace('\\u0000-\\u001f', '')}]`, 'g');

export const hex = (c: string, width: number): string => c.charCodeAt(0).toString(16).padStart(width, '0');
const escape = (c: string): string => (c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`);

/** One name or value on one line: every control character, newlines included, as a visible escape. */
export function visible(s: string): string {
  return s.replace(ALL, escape);
}

/** A block of lines for a terminal: control characters escaped, the newlines between lines kept. */
export function terminalText(text: string): string {
  return text.replace(ALL_BUT_NEWLINE, escape);
}
