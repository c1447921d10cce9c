import type { components } from '../../api/schema';

export type ClinicSetup = components['schemas']['ClinicSetupDto_Output'];
export type SetupItemCode = ClinicSetup['items'][number]['code'];
export type ConsentTemplate = components['schemas']['ConsentTemplateDto_Output'];
export type FeeEntry = components['schemas']['FeeScheduleEntryDto_Output'];

/** The general surgical consent every clinic is given (docs/consents.md). */
export const GENERAL_CONSENT_CODE = 'GENERAL_SURGICAL_CONSENT';

/** What each line of the set-up checklist says, and where it is done. */
export const SETUP_ITEMS: Record<
  SetupItemCode,
  { label: string; why: string; to: string; action: string }
> = {
  ACTIVE_SURGEON: {
    label: 'A surgeon',
    why: 'Consultations and surgical cases name an active surgeon.',
    to: '/settings/users',
    action: 'Add staff',
  },
  FEE_SCHEDULE_ENTRY: {
    label: 'A fee',
    why: 'Quotes price each CPT code from the fee schedule.',
    to: '/settings/fees',
    action: 'Add a fee',
  },
  CONSENT_TEMPLATE: {
    label: 'Your consent text',
    why: 'Every plan needs a signed consent. The general surgical consent Contour seeds covers every plan until then: review it and publish your own version, or add a consent for a procedure.',
    to: '/settings/consents',
    action: 'Review consents',
  },
  OPERATING_ROOM: {
    label: 'An operating room',
    why: 'Surgical cases are booked into an active room.',
    to: '/settings/rooms',
    action: 'Add a room',
  },
  IMPLANT_IN_STOCK: {
    label: 'An implant in stock',
    why: 'Plans reserve serial-numbered implants from stock: add the implant to the catalog and receive a lot.',
    to: '/inventory',
    action: 'Open the catalog',
  },
};

/** A base CPT code as the API takes it: four digits then a digit, F, T or U (`19325`, `0479T`). */
export const BASE_CPT = /^\d{4}[0-9FTU]$/;

/** "19325, 19340 15877" → ['19325', '19340', '15877'], upper-cased, duplicates dropped. */
export function parseCptList(text: string): string[] {
  const codes = text
    .split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter((c) => c !== '');
  return [...new Set(codes)];
}

/** Why a list of CPT codes is refused (the general consent lists none; any other, some), or null. */
export function cptListError(code: string, text: string): string | null {
  const codes = parseCptList(text);
  if (code === GENERAL_CONSENT_CODE)
    return codes.length === 0 ? null : 'The general surgical consent covers every plan: no codes';
  if (codes.length === 0) return 'Enter the CPT codes this consent covers, e.g. 19325';
  const bad = codes.find((c) => !BASE_CPT.test(c));
  return bad === undefined ? null : `${bad} is not a base CPT code (e.g. 19325)`;
}

export interface TemplateFamily {
  code: string;
  /** Newest version first. */
  versions: ConsentTemplate[];
  /** The version a new plan gets: the highest active one, if any. */
  current: ConsentTemplate | undefined;
  nextVersion: number;
}

/** Templates grouped by code (the general consent first, then by code), newest version first. */
export function templateFamilies(templates: readonly ConsentTemplate[]): TemplateFamily[] {
  const byCode = new Map<string, ConsentTemplate[]>();
  for (const t of templates) byCode.set(t.code, [...(byCode.get(t.code) ?? []), t]);
  return [...byCode.entries()]
    .sort(([a], [b]) =>
      a === GENERAL_CONSENT_CODE ? -1 : b === GENERAL_CONSENT_CODE ? 1 : a < b ? -1 : 1,
    )
    .map(([code, list]) => {
      const versions = [...list].sort((a, b) => b.version - a.version);
      return {
        code,
        versions,
        current: versions.find((v) => v.active),
        nextVersion: (versions[0]?.version ?? 0) + 1,
      };
    });
}

/** Only the fields that differ from the record: a PATCH names what changed, nothing else. */
export function changedFields<T extends object>(before: T, after: Partial<T>): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (after[key] !== undefined && after[key] !== before[key]) out[key] = after[key];
  }
  return out;
}

/** Staff and rooms as their tables list them: the active ones first, each group by name. */
export function activeFirstByName<T extends { active: boolean; name: string }>(
  rows: readonly T[],
): T[] {
  return [...rows].sort(
    (a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name),
  );
}
