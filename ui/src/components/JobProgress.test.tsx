import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render } from '@testing-library/react';
import { BreakwaterError } from '../errors';
import { JobCancelButton, JobProgress, JobStatus } from './JobProgress';

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} not found`);
  return el as T;
}

describe('JobCancelButton', () => {
  it('is absent while the job does not run', () => {
    render(<JobCancelButton id="job-cancel" running={false} cancelling={false} onCancel={() => {}} />);
    expect(document.getElementById('job-cancel')).toBeNull();
  });

  it('cancels once, then says it is cancelling', () => {
    const onCancel = vi.fn();
    const { rerender } = render(
      <JobCancelButton id="job-cancel" running={true} cancelling={false} onCancel={onCancel} />,
    );
    const button = byId<HTMLButtonElement>('job-cancel');
    expect(button.textContent).toBe('Cancel');
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    expect(onCancel).toHaveBeenCalledTimes(1);
    rerender(<JobCancelButton id="job-cancel" running={true} cancelling={true} onCancel={onCancel} />);
    expect(byId<HTMLButtonElement>('job-cancel').textContent).toBe('Cancelling…');
    expect(byId<HTMLButtonElement>('job-cancel').disabled).toBe(true);
  });
});

describe('JobProgress', () => {
  it('is absent while the job does not run', () => {
    render(<JobProgress id="job-progress" label="Job progress" running={false} fraction={0.5} text="Half" />);
    expect(document.getElementById('job-progress')).toBeNull();
  });

  it('shows an indeterminate bar when the fraction is unknown', () => {
    render(<JobProgress id="job-progress" label="Job progress" running={true} fraction={null} text="Starting…" />);
    const bar = byId<HTMLProgressElement>('job-progress');
    expect(bar.hasAttribute('value')).toBe(false);
    expect(document.querySelector('label[for="job-progress"]')?.textContent).toBe('Job progress');
    expect(document.querySelector('.progress-text')?.textContent).toBe('Starting…');
  });

  it('shows the fraction done and the sentence', () => {
    render(<JobProgress id="job-progress" label="Job progress" running={true} fraction={0.25} text="1 of 4" />);
    const bar = byId<HTMLProgressElement>('job-progress');
    expect(bar.max).toBe(1);
    expect(bar.value).toBe(0.25);
    expect(document.querySelector('.progress-text')?.textContent).toBe('1 of 4');
  });
});

describe('JobStatus', () => {
  it('keeps an empty status line and error region in the DOM', () => {
    render(<JobStatus id="job-status" errorId="job-error" status={null} error={null} />);
    expect(byId('job-status').className).toBe('status-line empty');
    expect(byId('job-status').textContent).toBe('');
    expect(byId('job-error').textContent).toBe('');
  });

  it('shows the status and the error', () => {
    render(
      <JobStatus
        id="job-status"
        errorId="job-error"
        status="Job cancelled."
        error={new BreakwaterError('input', 'Something is off.')}
      />,
    );
    expect(byId('job-status').className).toBe('status-line');
    expect(byId('job-status').getAttribute('role')).toBe('status');
    expect(byId('job-status').textContent).toBe('Job cancelled.');
    expect(byId('job-error').textContent).toContain('Something is off.');
  });
});
