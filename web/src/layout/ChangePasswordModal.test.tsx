import { Notifications } from '@mantine/notifications';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/problem';
import { renderWithProviders } from '../test/render';
import { ChangePasswordModal } from './ChangePasswordModal';

function renderModal(changePassword: (current: string, next: string) => Promise<void>) {
  const onClose = vi.fn();
  renderWithProviders(
    <>
      <Notifications />
      <ChangePasswordModal opened onClose={onClose} changePassword={changePassword} />
    </>,
  );
  return onClose;
}

async function fill(current: string, next: string, confirm: string): Promise<void> {
  fireEvent.change(await screen.findByLabelText(/^Current password/), {
    target: { value: current },
  });
  fireEvent.change(screen.getByLabelText(/^New password/), { target: { value: next } });
  fireEvent.change(screen.getByLabelText(/^Confirm new password/), { target: { value: confirm } });
  fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
}

describe('ChangePasswordModal', () => {
  it('asks for 12 characters and the same new password twice before calling the API', async () => {
    const changePassword = vi.fn(() => Promise.resolve());
    renderModal(changePassword);
    await fill('', 'short', 'other');
    expect(await screen.findByText('Enter your current password')).toBeTruthy();
    expect(screen.getByText('At least 12 characters')).toBeTruthy();
    expect(screen.getByText('The two new passwords differ')).toBeTruthy();
    expect(changePassword).not.toHaveBeenCalled();
  });

  it('sends the current and new password, tells the user, and closes', async () => {
    const changePassword = vi.fn(() => Promise.resolve());
    const onClose = renderModal(changePassword);
    await fill('old-password-1', 'a-new-password-2', 'a-new-password-2');
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(changePassword).toHaveBeenCalledWith('old-password-1', 'a-new-password-2');
    expect(await screen.findByText(/Password changed/)).toBeTruthy();
  });

  it("shows the API's 401 under the current password, and its field errors under theirs", async () => {
    const changePassword = vi
      .fn<(current: string, next: string) => Promise<void>>()
      .mockRejectedValueOnce(
        new ApiError({
          status: 401,
          code: 'UNAUTHENTICATED',
          title: 'Unauthorized',
          detail: 'The current password is incorrect',
        }),
      )
      .mockRejectedValueOnce(
        new ApiError({
          status: 400,
          code: 'VALIDATION_FAILED',
          title: 'Bad Request',
          detail: 'The request is not valid',
          errors: [{ path: 'newPassword', message: 'Too common a password' }],
        }),
      );
    const onClose = renderModal(changePassword);
    await fill('not-my-password', 'a-new-password-2', 'a-new-password-2');
    const wrong = await screen.findByText('The current password is incorrect');
    const current = screen.getByLabelText(/^Current password/);
    expect(current.getAttribute('aria-describedby')).toContain(wrong.id);
    expect(screen.queryByText('Password not changed')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Too common a password')).toBeTruthy();
    expect(screen.getByText('Password not changed')).toBeTruthy();
    expect(screen.getByText(/The request is not valid/)).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
  });
});
