import { describe, expect, it, vi, beforeEach } from 'vitest';
import { render, fireEvent, waitFor, act } from '@testing-library/react';
import type { AnonymizeProgress, AnonymizeRequest, AnonymizeView } from '../../types';
import { BreakwaterError } from '../../errors';

vi.mock('../../api', () => ({
  anonymizeDataset: vi.fn(),
  cancelAnonymize: vi.fn(),
  onAnonymizeProgress: vi.fn(),
}));

import * as api from '../../api';
import { AnonymizePanel } from './AnonymizePanel';
import { anonymizeView } from './anonymizeFixture';

/** A stand-in for the search: runs until the test finishes or cancels it, reporting progress. */
class FakeSearch {
  progress: ((p: AnonymizeProgress) => void) | null = null;
  requests: AnonymizeRequest[] = [];
  unlistened = 0;
  private settle: { resolve: (v: AnonymizeView) => void; reject: (e: unknown) => void } | null = null;

  onAnonymizeProgress = async (handler: (p: AnonymizeProgress) => void) => {
    this.progress = handler;
    return () => {
      this.unlistened += 1;
    };
  };

  anonymizeDataset = (r: AnonymizeRequest) => {
    this.requests.push(r);
    return new Promise<AnonymizeView>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
  };

  cancelAnonymize = async () => {
    this.settle?.reject(new BreakwaterError('cancelled', 'cancelled'));
  };

  finish(view: AnonymizeView = anonymizeView) {
    this.settle?.resolve(view);
  }

  fail(error: unknown) {
    this.settle?.reject(error);
  }
}

let search: FakeSearch;

beforeEach(() => {
  search = new FakeSearch();
  vi.mocked(api.anonymizeDataset).mockReset().mockImplementation(search.anonymizeDataset);
  vi.mocked(api.cancelAnonymize).mockReset().mockImplementation(search.cancelAnonymize);
  vi.mocked(api.onAnonymizeProgress).mockReset().mockImplementation(search.onAnonymizeProgress);
});

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} not found`);
  return el as T;
}

const props = {
  dataset: 7,
  version: 2,
  qi: ['age', 'sex', 'zip'],
  sensitive: null,
  threshold: 0.2,
  onUseLevels: () => {},
};

describe('AnonymizePanel', () => {
  it('runs the search with the form values, shows progress, then the result and chart', async () => {
    render(<AnonymizePanel {...props} />);
    expect(byId('anonymize-title').textContent).toBe('Find a k-anonymous generalization');
    expect(document.getElementById('anonymize-l')).toBeNull(); // no sensitive column
    fireEvent.change(byId('anonymize-k'), { target: { value: '10' } });
    fireEvent.change(byId('anonymize-suppression'), { target: { value: '2' } });
    fireEvent.click(byId('anonymize-run'));
    await waitFor(() => expect(search.requests.length).toBe(1));
    expect(search.requests[0]).toEqual({
      dataset: 7,
      version: 2,
      qi: ['age', 'sex', 'zip'],
      k: 10,
      l: null,
      sensitive: null,
      maxSuppression: 0.02,
      threshold: 0.2,
    });
    expect(byId<HTMLButtonElement>('anonymize-run').disabled).toBe(true);
    expect(byId('anonymize-progress')).toBeTruthy();
    act(() => search.progress!({ checked: 5, visited: 60, total: 120 }));
    expect(byId<HTMLProgressElement>('anonymize-progress').value).toBe(0.5);
    expect(byId('anonymize-panel').textContent).toContain('Checked 5 of 120 combinations of levels');

    act(() => search.finish());
    await waitFor(() => expect(document.getElementById('anonymize-result')).not.toBeNull());
    expect(document.getElementById('anonymize-progress')).toBeNull();
    expect(search.unlistened).toBe(1);
    const levels = [...document.querySelectorAll('#anonymize-levels tbody tr')].map((tr) =>
      [...tr.children].map((c) => c.textContent),
    );
    expect(levels).toEqual([
      ['age', 'intervals of 10', '2 of 4'],
      ['sex', 'original values', '0 of 1'],
      ['zip', 'last 3 characters masked', '3 of 5'],
    ]);
    expect(byId('anonymize-suppressed').textContent).toBe('14 of 3,000 records suppressed (0.47%)');
    const k = document.querySelector('#anonymize-risk tr[data-figure="k_min"]')!;
    expect([...k.children].map((c) => c.textContent)).toEqual(['Smallest class (k)', '1', '5']);
    expect(document.querySelector('#chart-before-after svg title')!.textContent).toBe(
      'Re-identification risk before and after anonymization',
    );
    expect(document.getElementById('anonymize-stale')).toBeNull();

    // Changing a setting marks the result as out of date until the next run.
    fireEvent.change(byId('anonymize-k'), { target: { value: '5' } });
    expect(byId('anonymize-stale').textContent).toContain('run it again');
  });

  it('cancels: nothing is shown but the status', async () => {
    render(<AnonymizePanel {...props} />);
    fireEvent.click(byId('anonymize-run'));
    await waitFor(() => expect(document.getElementById('anonymize-cancel')).not.toBeNull());
    fireEvent.click(byId('anonymize-cancel'));
    await waitFor(() => expect(byId('anonymize-status').textContent).toBe('Search cancelled. Nothing was recorded.'));
    expect(api.cancelAnonymize).toHaveBeenCalledTimes(1);
    expect(document.getElementById('anonymize-result')).toBeNull();
    expect(document.getElementById('anonymize-cancel')).toBeNull();
    expect(byId('anonymize-error').textContent).toBe('');
  });

  it('shows errors such as no generalization found', async () => {
    render(<AnonymizePanel {...props} />);
    fireEvent.click(byId('anonymize-run'));
    await waitFor(() => expect(search.requests.length).toBe(1));
    act(() =>
      search.fail(
        new BreakwaterError('input', 'no combination of levels satisfies the privacy models', 'Allow more suppression.'),
      ),
    );
    await waitFor(() => expect(byId('anonymize-error').textContent).toContain('no combination of levels'));
    expect(byId<HTMLButtonElement>('anonymize-run').disabled).toBe(false);
  });

  it('refuses invalid settings, and asks for l only with a sensitive column', async () => {
    const { rerender } = render(<AnonymizePanel {...props} />);
    fireEvent.change(byId('anonymize-k'), { target: { value: '1' } });
    expect(byId('anonymize-k').getAttribute('aria-invalid')).toBe('true');
    expect(byId<HTMLButtonElement>('anonymize-run').disabled).toBe(true);
    fireEvent.change(byId('anonymize-k'), { target: { value: '3' } });
    fireEvent.change(byId('anonymize-suppression'), { target: { value: '150' } });
    expect(byId('anonymize-suppression-hint').textContent).toContain('Enter a percentage from 0 to 100.');
    expect(byId<HTMLButtonElement>('anonymize-run').disabled).toBe(true);
    fireEvent.change(byId('anonymize-suppression'), { target: { value: '0' } });
    rerender(<AnonymizePanel {...props} threshold={null} />);
    expect(byId<HTMLButtonElement>('anonymize-run').disabled).toBe(true);

    rerender(<AnonymizePanel {...props} sensitive="diagnosis" />);
    fireEvent.change(byId('anonymize-l'), { target: { value: '2' } });
    fireEvent.click(byId('anonymize-run'));
    await waitFor(() => expect(search.requests.length).toBe(1));
    expect(search.requests[0]).toMatchObject({ k: 3, l: 2, sensitive: 'diagnosis', maxSuppression: 0 });
  });

  it('"Use these levels" hands the chosen levels over while the QIs are those searched', async () => {
    const onUseLevels = vi.fn();
    const { rerender } = render(<AnonymizePanel {...props} onUseLevels={onUseLevels} />);
    fireEvent.click(byId('anonymize-run'));
    await waitFor(() => expect(search.requests.length).toBe(1));
    act(() => search.finish());
    await waitFor(() => expect(document.getElementById('anonymize-use-levels')).not.toBeNull());
    fireEvent.click(byId('anonymize-use-levels'));
    expect(onUseLevels).toHaveBeenCalledWith({ age: 2, sex: 0, zip: 3 });

    rerender(<AnonymizePanel {...props} qi={['age', 'zip']} onUseLevels={onUseLevels} />);
    expect(byId<HTMLButtonElement>('anonymize-use-levels').disabled).toBe(true);
    expect(byId('anonymize-use-levels-hint').textContent).toContain('run it again');
    fireEvent.click(byId('anonymize-use-levels'));
    expect(onUseLevels).toHaveBeenCalledTimes(1);
  });
});
