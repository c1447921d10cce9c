import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { adviceFor, ReadinessChecklist } from './ReadinessChecklist';
import type { Readiness } from './types';

const notReady: Readiness = {
  ready: false,
  surgeryDate: null,
  checks: [
    {
      code: 'PLAN_APPROVED',
      required: true,
      ok: false,
      detail: 'The plan is QUOTED, not APPROVED: record the patient’s approval',
    },
    {
      code: 'CONSENT_SIGNED',
      required: true,
      ok: false,
      detail: 'Consent RHINOPLASTY_CONSENT_V1 is PENDING: it must be signed',
    },
    {
      code: 'PRIOR_AUTH_APPROVED',
      required: false,
      ok: true,
      detail: 'A cosmetic plan needs no prior authorization',
    },
    {
      code: 'INVENTORY_READY',
      required: true,
      ok: true,
      detail: 'Every implant is reserved and every other required item is in stock',
    },
  ],
};

function item(code: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(`[data-check="${code}"]`);
  if (found === null) throw new Error(`no item for ${code}`);
  return found;
}

describe('ReadinessChecklist', () => {
  it('counts the unmet required checks and shows each state with the API’s detail', () => {
    renderWithProviders(<ReadinessChecklist readiness={notReady} planStatus="QUOTED" />);
    expect(screen.getByRole('status').textContent).toContain('2 required checks are not met');
    expect(within(item('PLAN_APPROVED')).getByText('Not met')).toBeDefined();
    expect(within(item('CONSENT_SIGNED')).getByText(/PENDING: it must be signed/)).toBeDefined();
    expect(within(item('PRIOR_AUTH_APPROVED')).getByText('Not required')).toBeDefined();
    expect(within(item('INVENTORY_READY')).getByText('Met')).toBeDefined();
  });

  it('says what to do about an unmet check and links to the section that does it', () => {
    renderWithProviders(
      <ReadinessChecklist
        readiness={notReady}
        planStatus="QUOTED"
        sections={{ PLAN_APPROVED: '#plan-approval', CONSENT_SIGNED: '#plan-consent' }}
      />,
    );
    const approval = within(item('PLAN_APPROVED'));
    expect(approval.getByText(/Approve plan/)).toBeDefined();
    expect(approval.getByRole('link', { name: 'Go to approval' }).getAttribute('href')).toBe(
      '#plan-approval',
    );
    expect(
      within(item('CONSENT_SIGNED')).getByRole('link', { name: 'Go to the consent' }),
    ).toBeDefined();
    // Met and not-required checks need nothing done.
    expect(within(item('INVENTORY_READY')).queryByRole('link')).toBeNull();
    expect(within(item('PRIOR_AUTH_APPROVED')).queryByRole('link')).toBeNull();
  });

  it('gives the advice without a link when the section is not shown to this role', () => {
    renderWithProviders(<ReadinessChecklist readiness={notReady} planStatus="QUOTED" />);
    expect(within(item('CONSENT_SIGNED')).getByText(/typed signature/)).toBeDefined();
    expect(
      within(item('PLAN_APPROVED')).getByText(/done by a surgeon or a coordinator/),
    ).toBeDefined();
    expect(screen.queryAllByRole('link')).toHaveLength(0);
  });

  it('announces a plan ready to schedule, with the surgery date when there is one', () => {
    const ready: Readiness = {
      ready: true,
      surgeryDate: '2026-12-10',
      checks: notReady.checks.map((c) => ({ ...c, ok: true })),
    };
    renderWithProviders(<ReadinessChecklist readiness={ready} planStatus="APPROVED" />);
    const status = screen.getByRole('status').textContent ?? '';
    expect(status).toContain('Ready to schedule');
    expect(status).toContain('Dec 10, 2026');
    expect(screen.queryByText('Not met')).toBeNull();
  });

  it('reads the checks of a SCHEDULING_BLOCKED answer, which has no `ready`', () => {
    renderWithProviders(<ReadinessChecklist readiness={{ checks: notReady.checks.slice(1, 2) }} />);
    expect(screen.getByRole('status').textContent).toContain('1 required check is not met');
  });

  it('advises a draft plan to be quoted first', () => {
    expect(adviceFor('PLAN_APPROVED', 'DRAFT').text).toMatch(/quote/i);
    expect(adviceFor('PLAN_APPROVED', 'QUOTED').link).toBe('Go to approval');
  });
});
