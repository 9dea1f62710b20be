import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import type { Finding } from '../../types';
import { HighlightedText, cellTitle } from './HighlightedText';

function f(partial: Partial<Finding> & { finding: number }): Finding {
  return { column: 0, row: 0, start: 0, end: 1, kind: 'NAME', confidence: 0.9, rule: 'r', status: 'pending', ...partial };
}

function renderText(text: string, findings: Finding[], labelled = false, selected: number | null = null) {
  const { container } = render(
    <p>
      <HighlightedText text={text} findings={findings} labelled={labelled} selected={selected} />
    </p>,
  );
  return container.querySelector('p')!;
}

describe('HighlightedText', () => {
  it('keeps the text intact and marks spans with their kind colour and status', () => {
    const p = renderText('Call 555-0100 now', [f({ finding: 1, start: 5, end: 13, kind: 'PHONE', status: 'accepted' })]);
    expect(p.textContent).toBe('Call 555-0100 now');
    const mark = p.querySelector('mark')!;
    expect(mark.textContent).toBe('555-0100');
    expect(mark.className).toBe('phi-mark phi-accepted');
    expect(mark.style.getPropertyValue('--phi')).toBe('#DDAA33');
    expect(mark.getAttribute('data-finding')).toBe('1');
  });

  it('cuts after astral characters by code points', () => {
    // '𝔄𝔫𝔞 ' is 4 scalars but 7 UTF-16 units.
    const p = renderText('𝔄𝔫𝔞 Lima', [f({ finding: 1, start: 4, end: 8 })]);
    expect(p.querySelector('mark')!.textContent).toBe('Lima');
  });

  it('labels overlapping spans: hidden kind and status where each starts, a visible tag where each ends', () => {
    const name = f({ finding: 1, start: 0, end: 8, kind: 'NAME', status: 'accepted' });
    const geo = f({ finding: 2, start: 4, end: 8, kind: 'GEO', status: 'rejected' });
    const p = renderText('Ana Lima', [name, geo], true);
    const marks = p.querySelectorAll('mark');
    expect([...marks].map((m) => m.firstChild?.nodeType === 1 ? 'label' : 'text')).toEqual(['label', 'label']);
    expect(marks[0].querySelector('.visually-hidden')!.textContent).toBe('NAME, accepted: ');
    expect(marks[1].querySelector('.visually-hidden')!.textContent).toBe('GEO, rejected: ');
    // The overlap is drawn as the accepted finding.
    expect(marks[1].getAttribute('data-kind')).toBe('NAME');
    expect([...marks[1].querySelectorAll('.phi-tag')].map((t) => t.textContent)).toEqual(['NAME', 'GEO']);
    expect(marks[1].querySelector('.phi-tag-rejected')!.textContent).toBe('GEO');
    expect(marks[0].querySelector('.phi-tag')).toBeNull();
  });

  it('marks the selected finding and labels spans that run past the end of the text', () => {
    const p = renderText('Dr Ray', [f({ finding: 7, start: 3, end: 40 })], true, 7);
    const mark = p.querySelector('mark')!;
    expect(mark.className).toContain('phi-mark-selected');
    expect(mark.querySelector('.phi-tag')!.textContent).toBe('NAME');
  });

  it('unlabelled, marks carry no text of their own', () => {
    const p = renderText('Ana', [f({ finding: 1, start: 0, end: 3 })]);
    expect(p.querySelector('mark')!.textContent).toBe('Ana');
  });
});

describe('cellTitle', () => {
  it('names the kinds in a cell after its value, in text order', () => {
    expect(
      cellTitle('Ana at 555-0100', [
        f({ finding: 2, start: 7, end: 15, kind: 'PHONE', status: 'accepted' }),
        f({ finding: 1, start: 0, end: 3 }),
      ]),
    ).toBe('Ana at 555-0100\n— NAME (pending), PHONE (accepted)');
    expect(cellTitle('plain', [])).toBe('plain');
  });
});
