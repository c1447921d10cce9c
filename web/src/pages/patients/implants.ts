import type { components } from '../../api/schema';

type SurgicalCase = components['schemas']['SurgicalCaseDto_Output'];

/** One serial-numbered unit that went into the patient, with the case it went in with. */
export interface ImplantRow {
  usageId: string;
  serialNumber: string;
  itemId: string;
  itemCode: string;
  caseId: string;
  caseNumber: string;
  usedAt: string;
}

/**
 * The implants a patient received: the serial-numbered usages of their completed cases (usages
 * without a serial number are supplies, not implants), newest first.
 */
export function implantsOf(cases: readonly SurgicalCase[]): ImplantRow[] {
  return cases
    .filter((c) => c.status === 'COMPLETED')
    .flatMap((c) =>
      c.inventoryUsages.flatMap((u) =>
        u.serialNumber === null || u.serialNumber === ''
          ? []
          : [
              {
                usageId: u.id,
                serialNumber: u.serialNumber,
                itemId: u.inventoryItemId,
                itemCode: u.inventoryItemCode,
                caseId: c.id,
                caseNumber: c.caseNumber,
                usedAt: u.usedAt,
              },
            ],
      ),
    )
    .sort(
      (a, b) => b.usedAt.localeCompare(a.usedAt) || a.serialNumber.localeCompare(b.serialNumber),
    );
}
