import { describe, expect, it } from 'vitest';
import { reviewAction, typingInto, type KeyLike } from '../../src/renderer/src/lib/shortcuts';

const key = (code: string, more: Partial<KeyLike> = {}): KeyLike => ({ code, shiftKey: false, ctrlKey: false, metaKey: false, ...more });

describe('review shortcuts match the physical key', () => {
  it('digits and numpad digits keep that member, 1-based', () => {
    expect(reviewAction(key('Digit1'))).toEqual({ kind: 'keep', index: 0 });
    expect(reviewAction(key('Numpad9'))).toEqual({ kind: 'keep', index: 8 });
    expect(reviewAction(key('Digit0'))).toBeNull();
  });

  it('Option+digit on macOS (e.key "¡") still keeps: the code is read, not the character', () => {
    expect(reviewAction(key('Digit1', { altKey: true }))).toEqual({ kind: 'keep', index: 0 });
  });

  it('letters work on a non-Latin layout (KeyN types "т" in Russian)', () => {
    expect(reviewAction(key('KeyN'))).toEqual({ kind: 'notDuplicates' });
    expect(reviewAction(key('KeyX'))).toEqual({ kind: 'excludeAll' });
    expect(reviewAction(key('Space'))).toEqual({ kind: 'accept' });
    expect(reviewAction(key('KeyJ'))).toEqual({ kind: 'next' });
    expect(reviewAction(key('KeyK'))).toEqual({ kind: 'previous' });
    expect(reviewAction(key('KeyZ'))).toEqual({ kind: 'zoom' });
    expect(reviewAction(key('KeyL'))).toEqual({ kind: 'label' });
  });

  it('u undoes, Shift+U redoes, ? (Shift+Slash) opens help, plain / does nothing', () => {
    expect(reviewAction(key('KeyU'))).toEqual({ kind: 'undo' });
    expect(reviewAction(key('KeyU', { shiftKey: true }))).toEqual({ kind: 'redo' });
    expect(reviewAction(key('Slash', { shiftKey: true }))).toEqual({ kind: 'help' });
    expect(reviewAction(key('Slash'))).toBeNull();
  });

  it('Ctrl and Meta combinations are left to the browser', () => {
    expect(reviewAction(key('Digit1', { ctrlKey: true }))).toBeNull();
    expect(reviewAction(key('KeyU', { metaKey: true }))).toBeNull();
  });

  it('keys typed into inputs, selects, textareas and editable text are ignored', () => {
    for (const tagName of ['INPUT', 'SELECT', 'TEXTAREA']) {
      const target = { tagName } as unknown as EventTarget;
      expect(typingInto(target)).toBe(true);
      expect(reviewAction(key('KeyN', { target }))).toBeNull();
    }
    const editable = { tagName: 'DIV', isContentEditable: true } as unknown as EventTarget;
    expect(reviewAction(key('Digit2', { target: editable }))).toBeNull();
    const button = { tagName: 'BUTTON', isContentEditable: false } as unknown as EventTarget;
    expect(reviewAction(key('Digit2', { target: button }))).toEqual({ kind: 'keep', index: 1 });
  });
});
