import { describe, expect, it } from 'vitest';
import { BreakwaterError, errorCode, errorText, toBreakwaterError } from './errors';

describe('errorText', () => {
  it('joins message and hint with an em dash', () => {
    expect(errorText(new BreakwaterError('auth', 'Wrong passphrase.', 'Check that Caps Lock is off.'))).toBe(
      'Wrong passphrase. — Check that Caps Lock is off.',
    );
  });

  it('shows only the message when there is no hint', () => {
    expect(errorText(new BreakwaterError('input', 'The file is empty.'))).toBe('The file is empty.');
    expect(errorText({ code: 'input', message: 'Bad delimiter.', hint: null })).toBe('Bad delimiter.');
    expect(errorText({ code: 'input', message: 'Bad delimiter.', hint: '' })).toBe('Bad delimiter.');
  });

  it('formats raw command errors, plain errors and strings', () => {
    expect(errorText({ code: 'locked', message: 'The session is locked.', hint: 'Unlock it again.' })).toBe(
      'The session is locked. — Unlock it again.',
    );
    expect(errorText(new Error('network down'))).toBe('network down');
    expect(errorText('command not found')).toBe('command not found');
    expect(errorText(undefined)).toBe('Something went wrong.');
  });
});

describe('toBreakwaterError', () => {
  it('wraps command error payloads', () => {
    const e = toBreakwaterError({ code: 'integrity', message: 'Vault was modified.', hint: 'Restore a backup.' });
    expect(e).toBeInstanceOf(BreakwaterError);
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('integrity');
    expect(e.message).toBe('Vault was modified.');
    expect(e.hint).toBe('Restore a backup.');
    expect(e.name).toBe('BreakwaterError');
  });

  it('returns BreakwaterErrors unchanged and maps others to internal', () => {
    const original = new BreakwaterError('cancelled', 'Cancelled.');
    expect(toBreakwaterError(original)).toBe(original);
    expect(toBreakwaterError('oops').code).toBe('internal');
    expect(errorCode({ code: 'auth', message: 'x' })).toBe('auth');
    expect(errorCode(new Error('x'))).toBeNull();
  });
});
