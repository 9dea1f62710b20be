import type { InputHTMLAttributes, ReactNode } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>;

interface Props extends InputProps {
  /** Element id of the input; its hint is `<id>-hint`. */
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** What the field is for, below it. */
  hint: ReactNode;
  /** What is wrong with the value, after the hint; null while it is valid. */
  problem: string | null;
}

/** A labelled input with a hint that says what is wrong with the value, if anything. */
export function TextField({ id, label, value, onChange, hint, problem, type = 'text', ...input }: Props) {
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        {...input}
        id={id}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem !== null || undefined}
        aria-describedby={hintId}
      />
      <p id={hintId} className="field-hint">
        {hint}
        {problem !== null && <span className="field-problem">{` ${problem}`}</span>}
      </p>
    </div>
  );
}
