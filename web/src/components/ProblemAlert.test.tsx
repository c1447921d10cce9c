import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/problem';
import { renderWithProviders } from '../test/render';
import { ProblemAlert } from './ProblemAlert';

describe('ProblemAlert', () => {
  it('shows the detail of a problem and explains a stale edit (412)', () => {
    const error = new ApiError({
      status: 412,
      code: 'VERSION_MISMATCH',
      title: 'Precondition Failed',
      detail: 'The plan is at version 3, not 2',
    });
    renderWithProviders(<ProblemAlert error={error} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The plan is at version 3, not 2');
    expect(alert.textContent).toContain('Someone else changed this record');
  });

  it('offers to reload a record that changed, when the screen can', () => {
    const reloaded = vi.fn();
    const error = new ApiError({ status: 412, code: 'VERSION_MISMATCH', detail: 'Stale' });
    renderWithProviders(<ProblemAlert error={error} onReload={reloaded} />);
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(reloaded).toHaveBeenCalledOnce();
  });

  it('lists the fields a form does not show, and not those it does', () => {
    const error = new ApiError({
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'The request is not valid',
      errors: [
        { path: 'lastName', message: 'Required' },
        { path: 'insurance.memberId', message: 'Too long' },
      ],
    });
    renderWithProviders(<ProblemAlert error={error} shownFields={['lastName']} />);
    const text = screen.getByRole('alert').textContent ?? '';
    expect(text).toContain('insurance.memberId: Too long');
    expect(text).not.toContain('lastName');
  });

  it('lists the unmet checks of a blocked schedule', () => {
    const error = new ApiError({
      status: 409,
      code: 'SCHEDULING_BLOCKED',
      detail: 'The plan is not ready',
      unmetChecks: ['CONSENT_SIGNED'],
    });
    renderWithProviders(<ProblemAlert error={error} />);
    expect(screen.getByRole('alert').textContent).toContain('CONSENT_SIGNED');
  });
});
