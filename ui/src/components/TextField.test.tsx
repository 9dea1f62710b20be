import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render } from '@testing-library/react';
import { TextField } from './TextField';

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} not found`);
  return el as T;
}

describe('TextField', () => {
  it('labels the input and describes it by its hint', () => {
    render(
      <TextField id="f" label="Size" value="3" onChange={() => {}} hint="How many." problem={null} inputMode="numeric" />,
    );
    const input = byId<HTMLInputElement>('f');
    expect(input.type).toBe('text');
    expect(input.value).toBe('3');
    expect(input.getAttribute('inputmode')).toBe('numeric');
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(input.getAttribute('aria-describedby')).toBe('f-hint');
    expect(document.querySelector('label[for="f"]')?.textContent).toBe('Size');
    expect(byId('f-hint').textContent).toBe('How many.');
    expect(document.querySelector('.field-problem')).toBeNull();
  });

  it('marks a problem and says what it is after the hint', () => {
    render(
      <TextField id="f" label="Size" value="x" onChange={() => {}} hint="How many." problem="Enter a number." />,
    );
    expect(byId('f').getAttribute('aria-invalid')).toBe('true');
    expect(byId('f-hint').textContent).toBe('How many. Enter a number.');
    expect(document.querySelector('.field-problem')?.textContent).toBe(' Enter a number.');
  });

  it('passes the typed text on', () => {
    const onChange = vi.fn();
    render(<TextField id="f" label="Size" value="" onChange={onChange} hint="" problem={null} type="number" />);
    expect(byId<HTMLInputElement>('f').type).toBe('number');
    fireEvent.change(byId('f'), { target: { value: '7' } });
    expect(onChange).toHaveBeenCalledWith('7');
  });
});
