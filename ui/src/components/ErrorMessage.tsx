import { errorCode, errorText } from '../errors';

interface Props {
  id: string;
  error: unknown;
}

/**
 * An alert region that is always in the DOM (so screen readers announce
 * changes) and shows the error text, or nothing. Integrity problems are
 * shown prominently.
 */
export function ErrorMessage({ id, error }: Props) {
  const hasError = error !== null && error !== undefined;
  const integrity = hasError && errorCode(error) === 'integrity';
  const className = [
    'alert',
    hasError ? 'alert-error' : 'alert-empty',
    integrity ? 'alert-integrity' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div id={id} role="alert" className={className}>
      {hasError && integrity && <strong className="alert-title">Integrity problem. </strong>}
      {hasError ? errorText(error) : null}
    </div>
  );
}
