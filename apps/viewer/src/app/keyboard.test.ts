import { describe, expect, it } from 'vitest';
import { keyAction } from './keyboard.ts';

describe('keyAction', () => {
  it('maps arrows, shift+arrows and space', () => {
    expect(keyAction({ key: 'ArrowLeft', shiftKey: false })).toBe('step-back');
    expect(keyAction({ key: 'ArrowRight', shiftKey: false })).toBe('step-forward');
    expect(keyAction({ key: 'ArrowLeft', shiftKey: true })).toBe('previous-mark');
    expect(keyAction({ key: 'ArrowRight', shiftKey: true })).toBe('next-mark');
    expect(keyAction({ key: ' ', shiftKey: false })).toBe('play-pause');
    expect(keyAction({ key: 'a', shiftKey: false })).toBeNull();
  });

  it('leaves modified keys and text fields alone, but not the scrubber or buttons', () => {
    expect(keyAction({ key: 'ArrowLeft', shiftKey: false, ctrlKey: true })).toBeNull();
    expect(keyAction({ key: 'ArrowLeft', shiftKey: false, metaKey: true })).toBeNull();
    expect(
      keyAction({ key: 'ArrowLeft', shiftKey: false, targetTag: 'INPUT', targetType: 'text' }),
    ).toBeNull();
    expect(keyAction({ key: ' ', shiftKey: false, targetTag: 'SELECT' })).toBeNull();
    expect(keyAction({ key: ' ', shiftKey: false, targetTag: 'TEXTAREA' })).toBeNull();
    expect(
      keyAction({ key: 'ArrowRight', shiftKey: false, targetTag: 'INPUT', targetType: 'range' }),
    ).toBe('step-forward');
    expect(keyAction({ key: ' ', shiftKey: false, targetTag: 'BUTTON' })).toBe('play-pause');
  });
});
