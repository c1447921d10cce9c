import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { ApprovalRecord } from './ApprovalRecord';

describe('ApprovalRecord', () => {
  it('shows the notes typed when the approval was recorded, line breaks kept', () => {
    renderWithProviders(
      <ApprovalRecord
        approvedAt="2026-03-02T10:15:00Z"
        approvalNotes={'Patient chose the 300cc round implants.\nDeposit by card.'}
      />,
    );
    expect(screen.getByText('Approval notes')).toBeDefined();
    const notes = screen.getByText(/Patient chose the 300cc round implants\./);
    expect(notes.textContent).toBe('Patient chose the 300cc round implants.\nDeposit by card.');
  });

  it('says so when the approval came without notes', () => {
    renderWithProviders(<ApprovalRecord approvedAt="2026-03-02T10:15:00Z" approvalNotes={null} />);
    expect(screen.getByText('—')).toBeDefined();
  });

  it('says the patient approved through their link, without staff notes', () => {
    renderWithProviders(
      <ApprovalRecord approvedAt="2026-03-02T10:15:00Z" approvalNotes={null} approvedByPatient />,
    );
    expect(screen.getByText(/Approved by the patient through their link on/)).toBeDefined();
    expect(screen.queryByText('Approval notes')).toBeNull();
  });
});
