import { describe, expect, it } from 'vitest';
import {
  defaultConsultationDate,
  toConsultationBody,
  validateConsultationForm,
} from './consultationForm';

describe('the consultation form', () => {
  it('asks for the surgeon, the date and the reason', () => {
    expect(
      Object.keys(
        validateConsultationForm({
          surgeonId: null,
          consultationDate: null,
          reason: ' ',
          notes: '',
        }),
      ).sort(),
    ).toEqual(['consultationDate', 'reason', 'surgeonId']);
  });

  it('sends the local date and time as an ISO instant, and no empty notes', () => {
    const body = toConsultationBody('p1', {
      surgeonId: 's1',
      consultationDate: '2026-11-24 09:30:00',
      reason: ' Rhinoplasty ',
      notes: '  ',
    });
    expect(body).toEqual({
      patientId: 'p1',
      surgeonId: 's1',
      consultationDate: new Date(2026, 10, 24, 9, 30).toISOString(),
      reason: 'Rhinoplasty',
    });
  });

  it('starts at the next quarter hour', () => {
    expect(defaultConsultationDate(new Date(2026, 10, 24, 9, 7))).toBe('2026-11-24 09:15:00');
    expect(defaultConsultationDate(new Date(2026, 10, 24, 9, 50))).toBe('2026-11-24 10:00:00');
    expect(defaultConsultationDate(new Date(2026, 10, 24, 9, 30))).toBe('2026-11-24 09:30:00');
  });
});
