import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { components } from '../../api/schema';
import { renderWithProviders } from '../../test/render';
import { PlanFdaChecklist } from './PlanFdaChecklist';
import type { Plan } from './types';

type Answer = components['schemas']['PlanFdaChecklistDto_Output'];

const signed: Answer = {
  required: true,
  status: 'PATIENT_SIGNED',
  checklist: {
    id: '01a2243e-618f-71fd-ae20-eeda0304959b',
    procedurePlanId: '01a2243e-618f-71fd-ae20-eeda0304959a',
    templateVersion: 1,
    title: 'Breast implants: Patient Decision Checklist',
    sections: [
      { key: 'candidate', heading: 'Am I a candidate?', body: '…' },
      { key: 'bia-alcl', heading: 'Risk of cancer: BIA-ALCL', body: '…' },
    ],
    surgeonAttestation: 'I have discussed each item of this checklist with the patient.',
    contentHash: 'a'.repeat(64),
    status: 'PATIENT_SIGNED',
    initials: { candidate: 'ML', 'bia-alcl': 'ML' },
    signerName: 'Maria Lopez',
    patientSignedAt: '2026-12-01T10:00:00.000Z',
    signedThrough: 'PATIENT_LINK',
    recordedById: null,
    attestedById: null,
    surgeonName: null,
    attestedAt: null,
    version: 2,
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
  },
};

let answer: Answer = signed;
let role = 'SURGEON';
const post = vi.fn((_path: string, _init: unknown) =>
  Promise.resolve({ data: answer, response: new Response(null, { status: 200 }) }),
);
vi.mock('../../api/client', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  api: {
    GET: () => Promise.resolve({ data: answer, response: new Response(null, { status: 200 }) }),
    POST: (path: string, init: unknown) => post(path, init),
  },
}));
vi.mock('../../auth/AuthProvider', () => ({
  useAuth: () => ({
    can: (permission: string) => permission !== 'fdaChecklist.attest' || role === 'SURGEON',
  }),
}));

const plan = { id: signed.checklist!.procedurePlanId } as Plan;

beforeEach(() => {
  post.mockClear();
  answer = signed;
  role = 'SURGEON';
});

describe('PlanFdaChecklist', () => {
  it('shows the sections initialed and lets a surgeon sign the attestation after reading it', async () => {
    renderWithProviders(<PlanFdaChecklist plan={plan} />);
    const sections = await screen.findByLabelText('Sections initialed');
    expect(
      within(sections).getByText(/Risk of cancer: BIA-ALCL/).parentElement?.textContent,
    ).toContain('initialed ML');
    expect(screen.getByText(/through the patient’s link/)).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Sign surgeon attestation' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(signed.checklist!.surgeonAttestation)).toBeDefined();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign attestation' }));
    await waitFor(() => expect(post).toHaveBeenCalledTimes(1));
    expect(post.mock.calls[0]?.[1]).toMatchObject({
      params: { path: { id: plan.id }, header: { 'If-Match': '"2"' } },
    });
  });

  it('offers the attestation to a surgeon only', async () => {
    role = 'NURSE';
    renderWithProviders(<PlanFdaChecklist plan={plan} />);
    await screen.findByLabelText('Sections initialed');
    expect(screen.queryByRole('button', { name: 'Sign surgeon attestation' })).toBeNull();
  });

  it('is not shown for a plan that places no breast implant', async () => {
    answer = { required: false, status: 'NOT_REQUIRED', checklist: null };
    const { container } = renderWithProviders(<PlanFdaChecklist plan={plan} />);
    await waitFor(() => expect(container.querySelector('#plan-fda-checklist')).toBeNull());
  });
});
