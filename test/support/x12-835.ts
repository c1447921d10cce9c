// 835 remittances (005010X221A1) built for tests from the claims they pay: the envelope with its
// counts and control numbers right, one payment (BPR/TRN) per file, one CLP per claim.

/** A CAS triple: group, CARC reason, amount. */
export type Cas = [group: 'CO' | 'OA' | 'PI' | 'PR', reason: string, amount: string];

export interface Svc {
  /** SVC01-2, and its modifiers (SVC01-3…). */
  code: string;
  modifiers?: string[];
  charge: string;
  paid: string;
  adjustments?: Cas[];
}

export interface Clp {
  /** CLP01: the claim number. */
  claimNumber: string;
  /** CLP02: 1 processed as primary (default), 4 denied, 22 reversal. */
  status?: string;
  charge: string;
  paid: string;
  /** CLP05; defaults to the sum of the PR adjustments. */
  patientResponsibility?: string;
  /** CLP07. */
  payerClaimControlNumber?: string;
  /** Claim-level CAS. */
  adjustments?: Cas[];
  services?: Svc[];
}

export interface Remittance835Options {
  /** TRN02. */
  trace: string;
  /** BPR02; defaults to Σ CLP04 (what balances). */
  amount?: string;
  /** N1*PR N104. */
  payerId?: string;
  claims: Clp[];
}

const cents = (amount: string) => Math.round(Number(amount) * 100);
const amountOf = (c: number) => (c / 100).toFixed(2).replace(/\.00$/, '');

/** The segments after ST and before SE. */
export function body835(options: Remittance835Options): string[] {
  const total =
    options.amount ?? amountOf(options.claims.reduce((sum, c) => sum + cents(c.paid), 0));
  const payerId = options.payerId ?? 'NWH01';
  const segments = [
    `BPR*I*${total}*C*ACH*CCP*01*021000021*DA*123456789*1512345678**01*021000089*DA*987654321*20261220`,
    `TRN*1*${options.trace}*1512345678`,
    'DTM*405*20261218',
    `N1*PR*NORTHWIND HEALTH*XV*${payerId}`,
    'N3*PO BOX 4400',
    'N4*SEATTLE*WA*981240000',
    'PER*BL*PROVIDER SERVICES*TE*8005550142',
    'N1*PE*CONTOUR PLASTIC SURGERY PLLC*XX*1234567893',
    'LX*1',
  ];
  const cas = (list: Cas[] | undefined) =>
    (list ?? []).map(([group, reason, amount]) => `CAS*${group}*${reason}*${amount}`);
  for (const c of options.claims) {
    const pr = [...(c.adjustments ?? []), ...(c.services ?? []).flatMap((s) => s.adjustments ?? [])]
      .filter(([group]) => group === 'PR')
      .reduce((sum, [, , amount]) => sum + cents(amount), 0);
    segments.push(
      `CLP*${c.claimNumber}*${c.status ?? '1'}*${c.charge}*${c.paid}*${c.patientResponsibility ?? (pr === 0 ? '' : amountOf(pr))}*12*${c.payerClaimControlNumber ?? `NWH-${c.claimNumber}`}`,
      'NM1*QC*1*PATIENT*TEST****MI*NWH-TEST',
      ...cas(c.adjustments),
    );
    for (const s of c.services ?? []) {
      segments.push(
        `SVC*${['HC', s.code, ...(s.modifiers ?? [])].join(':')}*${s.charge}*${s.paid}**1`,
        'DTM*472*20261210',
        ...cas(s.adjustments),
      );
    }
  }
  return segments;
}

/** A whole interchange around one 835: `~` then a newline after each segment, as payers send. */
export function remittance835(options: Remittance835Options): string {
  return envelope835(body835(options));
}

/** ISA…IEA around the body; `se01` overrides the segment count (to make it wrong). */
export function envelope835(body: string[], se01?: number): string {
  return (
    [
      'ISA*00*          *00*          *ZZ*NORTHWIND      *ZZ*CONTOUR01      *261220*0815*^*00501*000004711*0*P*:',
      'GS*HP*NORTHWIND*CONTOUR01*20261220*0815*4711*X*005010X221A1',
      'ST*835*1001*005010X221A1',
      ...body,
      `SE*${se01 ?? body.length + 2}*1001`,
      'GE*1*4711',
      'IEA*1*000004711',
    ].join('~\n') + '~\n'
  );
}
