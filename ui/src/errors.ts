// Errors from Rust commands arrive as {code, message, hint}. They are wrapped
// in BreakwaterError so screens can branch on `code` and show `hint`.

export type ErrorCode = 'auth' | 'locked' | 'integrity' | 'input' | 'cancelled' | 'internal';

export class BreakwaterError extends Error {
  readonly code: string;
  readonly hint: string | null;

  constructor(code: string, message: string, hint: string | null = null) {
    super(message);
    this.name = 'BreakwaterError';
    this.code = code;
    this.hint = hint;
  }
}

function isErrorPayload(v: unknown): v is { code: unknown; message: unknown; hint?: unknown } {
  return typeof v === 'object' && v !== null && 'code' in v && 'message' in v;
}

/** Turns whatever a rejected command produced into a BreakwaterError. */
export function toBreakwaterError(raw: unknown): BreakwaterError {
  if (raw instanceof BreakwaterError) return raw;
  if (isErrorPayload(raw)) {
    const hint = typeof raw.hint === 'string' && raw.hint.length > 0 ? raw.hint : null;
    return new BreakwaterError(String(raw.code), String(raw.message), hint);
  }
  if (raw instanceof Error) return new BreakwaterError('internal', raw.message);
  if (typeof raw === 'string' && raw.length > 0) return new BreakwaterError('internal', raw);
  return new BreakwaterError('internal', 'Something went wrong.');
}

/** The code of an error, if it is (or looks like) a Breakwater error. */
export function errorCode(e: unknown): string | null {
  if (e instanceof BreakwaterError) return e.code;
  if (isErrorPayload(e)) return String(e.code);
  return null;
}

/** "message — hint", or just the message when there is no hint. */
export function errorText(e: unknown): string {
  const err = toBreakwaterError(e);
  return err.hint ? `${err.message} — ${err.hint}` : err.message;
}
