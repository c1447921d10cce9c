import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../test/render';
import { ReasonConfirmModal, type ReasonAction } from './ReasonConfirmModal';

// Mantine's autosizing textarea listens to `document.fonts`, which happy-dom does not have.
beforeAll(() => {
  if (document.fonts === undefined) {
    Object.defineProperty(document, 'fonts', { value: new EventTarget(), configurable: true });
  }
});

function renderModal(action: ReasonAction, onClose = vi.fn()) {
  renderWithProviders(
    <ReasonConfirmModal
      opened
      onClose={onClose}
      title="Cancel plan PLAN-2026-001"
      reasonLabel="Cancellation reason"
      missingReason="Say why the plan is cancelled"
      keepLabel="Keep plan"
      confirmLabel="Confirm cancellation"
      action={action}
    >
      A cancelled plan cannot be reopened.
    </ReasonConfirmModal>,
  );
  return onClose;
}

function fakeAction(overrides: Partial<ReasonAction> = {}): ReasonAction {
  return { mutate: vi.fn(), isPending: false, error: null, reset: vi.fn(), ...overrides };
}

describe('ReasonConfirmModal', () => {
  it('asks for a reason before acting', async () => {
    const action = fakeAction();
    renderModal(action);
    fireEvent.click(await screen.findByRole('button', { name: 'Confirm cancellation' }));
    expect(await screen.findByText('Say why the plan is cancelled')).toBeTruthy();
    expect(action.mutate).not.toHaveBeenCalled();
  });

  it('sends the reason trimmed, and closes once done', async () => {
    const action = fakeAction({
      mutate: vi.fn((_reason: string, options?: { onSuccess?: () => void }) =>
        options?.onSuccess?.(),
      ),
    });
    const onClose = renderModal(action);
    fireEvent.change(await screen.findByLabelText(/^Cancellation reason/), {
      target: { value: '  Patient moved abroad  ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm cancellation' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(action.mutate).toHaveBeenCalledWith('Patient moved abroad', expect.anything());
  });

  it('clears the last error when kept', async () => {
    const action = fakeAction();
    const onClose = renderModal(action);
    fireEvent.click(await screen.findByRole('button', { name: 'Keep plan' }));
    expect(action.reset).toHaveBeenCalled();
    expect(onClose).toHaveBeenCalled();
  });
});
