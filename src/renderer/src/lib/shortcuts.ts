// The review queue's keyboard map. It matches `event.code` (the physical key), not `event.key`, because
// Option+digit on macOS types '¡™£…' and a Cyrillic or Greek layout types other letters for N, X, J, K:
// reading the character would make the shortcuts dead for those users. Pure, so it is tested on its own.

export type ReviewAction =
  | { kind: 'keep'; index: number }
  | { kind: 'notDuplicates' }
  | { kind: 'excludeAll' }
  | { kind: 'accept' }
  | { kind: 'next' }
  | { kind: 'previous' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'help' }
  | { kind: 'zoom' }
  | { kind: 'label' };

/** The fields of a KeyboardEvent the map reads (a plain object in tests). */
export interface KeyLike {
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  /** Read by nobody: Option is how a macOS user may press a digit, so it does not disable the shortcut. */
  altKey?: boolean;
  target?: EventTarget | null;
}

/** True when the key belongs to a control the user is typing in or operating with the keyboard. */
export function typingInto(target: EventTarget | null | undefined): boolean {
  // Structural, so the map is usable (and tested) without the DOM's types.
  const t = target as { tagName?: unknown; isContentEditable?: boolean } | null | undefined;
  if (!t || typeof t.tagName !== 'string') return false;
  return t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA' || t.isContentEditable === true;
}

/** The review action for a key press, or null when the key is not a shortcut here. */
export function reviewAction(e: KeyLike): ReviewAction | null {
  // Ctrl/Meta combinations belong to the browser and the OS (copy, reload, quit); Alt stays allowed for macOS digits.
  if (e.ctrlKey || e.metaKey || typingInto(e.target)) return null;
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(e.code);
  if (digit) return { kind: 'keep', index: Number(digit[1]) - 1 };
  switch (e.code) {
    case 'KeyN':
      return { kind: 'notDuplicates' };
    case 'KeyX':
      return { kind: 'excludeAll' };
    case 'Space':
      return { kind: 'accept' };
    case 'KeyJ':
    case 'ArrowDown':
      return { kind: 'next' };
    case 'KeyK':
    case 'ArrowUp':
      return { kind: 'previous' };
    case 'KeyU':
      return e.shiftKey ? { kind: 'redo' } : { kind: 'undo' };
    case 'Slash':
      return e.shiftKey ? { kind: 'help' } : null;
    case 'KeyZ':
      return { kind: 'zoom' };
    case 'KeyL':
      return { kind: 'label' };
    default:
      return null;
  }
}
