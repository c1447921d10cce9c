import { Alert, Anchor, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { CaseLink } from '../../components/CaseLink';
import { Fact } from '../../components/Fact';
import { PatientLink } from '../../components/PatientLink';
import { PdfButton } from '../../components/PdfButton';
import { SerialNumber } from '../../components/SerialNumber';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime, formatMoney } from '../../lib/format';
import { isZeroMoney } from '../../lib/money';
import { BillPaymentPlans } from './BillPaymentPlans';
import { labelOf, PAYER_OPTIONS } from './labels';
import { caseNumberAndProcedure, nameAndMrn, PATIENT_UNAVAILABLE } from './linkLabels';
import { MoneyDocument, RecordById } from './MoneyDocument';
import { PaymentsSection } from './PaymentsSection';
import { RecordBillPaymentForm } from './RecordBillPaymentForm';
import { BillClaims } from './claims/CreateClaims';
import { ADJUSTMENT_GROUP_LABELS, carcLabel } from './claims/lib';
import { RemittanceSource } from './claims/RemittanceSource';
import type { Bill, BillLineItem } from './types';
import { VoidBillButton } from './VoidBillButton';

export function billQuery(id: string) {
  return {
    queryKey: ['bills', id],
    queryFn: () => unwrap(api.GET('/api/v1/bills/{id}', { params: { path: { id } } })),
  };
}

/** One bill: who and what it is for, its totals, lines and payments, and what may be done. */
export function BillPage() {
  return <RecordById query={billQuery}>{(bill) => <BillView bill={bill} />}</RecordById>;
}

function BillView({ bill }: { bill: Bill }) {
  const { can } = useAuth();
  return (
    <MoneyDocument
      title={`Bill ${bill.billNumber}`}
      actions={
        <>
          {can('bills.pdf') && (
            <PdfButton path={`/api/v1/bills/${bill.id}/pdf`}>Bill PDF</PdfButton>
          )}
          {can('bills.void') && bill.status === 'OPEN' && bill.payments.length === 0 && (
            <VoidBillButton bill={bill} />
          )}
        </>
      }
      factCols={{ base: 2, sm: 3, lg: can('plans.read') ? 6 : 5 }}
      facts={<BillFacts bill={bill} />}
      factsFooter={
        can('audit.read') && (
          <Anchor
            component={Link}
            to={`/audit?entityType=Bill&entityId=${bill.id}`}
            size="sm"
            mt="sm"
          >
            Audit trail of this bill
          </Anchor>
        )
      }
    >
      {bill.status === 'VOID' && (
        <Alert color="red" title="This bill is void">
          Voided {formatDateTime(bill.voidedAt)}
          {bill.voidReason !== null && `: ${bill.voidReason}`}. It keeps its lines and payments as a
          record and owes nothing.
        </Alert>
      )}
      <BillTotals bill={bill} />
      {!isZeroMoney(bill.refundDue) && (
        <Alert color="yellow" title="Refund due to the patient">
          The patient paid {formatMoney(bill.refundDue)} before surgery beyond their share of this
          bill. Refunds are made outside Contour.
        </Alert>
      )}
      {can('bills.pay') && bill.status === 'OPEN' && (
        <RecordBillPaymentForm key={bill.version} bill={bill} />
      )}
      <LineItems lines={bill.lineItems} />
      <PaymentsSection id="bill-payments" payments={bill.payments} withPayer billId={bill.id} />
      <Adjustments bill={bill} />
      {can('claims.manage') && <BillClaims bill={bill} />}
      {can('paymentPlans.read') && bill.quoteId !== null && (
        <BillPaymentPlans quoteId={bill.quoteId} billOpen={bill.status === 'OPEN'} />
      )}
    </MoneyDocument>
  );
}

function BillFacts({ bill }: { bill: Bill }) {
  const { can } = useAuth();
  return (
    <>
      <Fact label="Status">
        <StatusBadge status={bill.status} />
      </Fact>
      <Fact label="Patient">
        <PatientLink id={bill.patientId} label={nameAndMrn} fallback={PATIENT_UNAVAILABLE} />
      </Fact>
      <Fact label="Surgical case">
        {can('cases.read') ? (
          <CaseLink id={bill.surgicalCaseId} label={caseNumberAndProcedure} />
        ) : (
          '—'
        )}
      </Fact>
      {can('plans.read') && (
        <Fact label="Procedure plan">
          <Anchor component={Link} to={`/plans/${bill.procedurePlanId}`}>
            Open plan
          </Anchor>
        </Fact>
      )}
      <Fact label="Issued">{formatDateTime(bill.issuedAt)}</Fact>
      <Fact label="Paid in full">{formatDateTime(bill.paidAt)}</Fact>
    </>
  );
}

/** The totals by payer: what each owes in all, has paid, and still owes. */
function BillTotals({ bill }: { bill: Bill }) {
  const adjusted = bill.insuranceAdjusted;
  const transferred = bill.transferredToPatient;
  const postings = !isZeroMoney(adjusted) || !isZeroMoney(transferred);
  return (
    <section aria-labelledby="bill-totals">
      <Title order={2} size="h4" mb="xs" id="bill-totals">
        Totals
      </Title>
      <Table.ScrollContainer minWidth={480}>
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Payer</Table.Th>
              <Table.Th ta="right">Total</Table.Th>
              <Table.Th ta="right">Paid</Table.Th>
              {postings && <Table.Th ta="right">Adjusted</Table.Th>}
              {postings && <Table.Th ta="right">Moved to patient</Table.Th>}
              <Table.Th ta="right">Balance</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row">Insurance</Table.Th>
              <Table.Td ta="right">{formatMoney(bill.insuranceTotal)}</Table.Td>
              <Table.Td ta="right">{formatMoney(bill.insurancePaid)}</Table.Td>
              {postings && (
                <Table.Td ta="right" data-testid="bill-insurance-adjusted">
                  {formatMoney(adjusted)}
                </Table.Td>
              )}
              {postings && (
                <Table.Td ta="right" data-testid="bill-transferred-to-patient">
                  − {formatMoney(transferred)}
                </Table.Td>
              )}
              <Table.Td ta="right" data-testid="bill-insurance-balance">
                {formatMoney(bill.insuranceBalance)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">Patient</Table.Th>
              <Table.Td ta="right">{formatMoney(bill.patientTotal)}</Table.Td>
              <Table.Td ta="right" data-testid="bill-patient-paid">
                {formatMoney(bill.patientPaid)}
              </Table.Td>
              {postings && <Table.Td ta="right">—</Table.Td>}
              {postings && <Table.Td ta="right">+ {formatMoney(transferred)}</Table.Td>}
              <Table.Td ta="right" data-testid="bill-patient-balance">
                {formatMoney(bill.patientBalance)}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr fw={700}>
              <Table.Th scope="row">Bill</Table.Th>
              <Table.Td ta="right">{formatMoney(bill.total)}</Table.Td>
              <Table.Td ta="right">{formatMoney(bill.paid)}</Table.Td>
              {postings && <Table.Td ta="right">{formatMoney(adjusted)}</Table.Td>}
              {postings && <Table.Td ta="right" />}
              <Table.Td ta="right" data-testid="bill-balance">
                {formatMoney(bill.balance)}
              </Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}

const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** "19325" with modifiers ["50"] → "19325-50", as the code was written on the case. */
export function codeWithModifiers(line: Pick<BillLineItem, 'procedureCode' | 'modifiers'>): string {
  return [line.procedureCode, ...line.modifiers].join('-');
}

function LineItems({ lines }: { lines: readonly BillLineItem[] }) {
  return (
    <section aria-labelledby="bill-lines">
      <Title order={2} size="h4" mb="xs" id="bill-lines">
        Line items
      </Title>
      {lines.length === 0 ? (
        <Text c="dimmed">This bill has no lines.</Text>
      ) : (
        // Every column fits the main area at 1024 px (792 px wide): the description wraps,
        // amounts, payer and serial numbers do not.
        <Table.ScrollContainer minWidth={760}>
          <Table striped withTableBorder fz="sm" horizontalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Code</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th ta="right">Quantity</Table.Th>
                <Table.Th ta="right">Unit price</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
                <Table.Th>Payer</Table.Th>
                <Table.Th>Serial numbers</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((line) => (
                <Table.Tr key={line.lineNumber}>
                  <Table.Td>{line.lineNumber}</Table.Td>
                  <Table.Td>{line.kind.charAt(0) + line.kind.slice(1).toLowerCase()}</Table.Td>
                  <Table.Td ff="monospace" style={NOWRAP}>
                    {codeWithModifiers(line)}
                  </Table.Td>
                  <Table.Td>{line.description}</Table.Td>
                  <Table.Td ta="right">{line.quantity}</Table.Td>
                  <Table.Td ta="right" style={NOWRAP}>
                    {formatMoney(line.unitPrice)}
                  </Table.Td>
                  <Table.Td ta="right" style={NOWRAP}>
                    {formatMoney(line.amount)}
                  </Table.Td>
                  <Table.Td style={NOWRAP}>{labelOf(PAYER_OPTIONS, line.payer)}</Table.Td>
                  <Table.Td data-column="serial-numbers">
                    {line.serialNumbers.length === 0
                      ? '—'
                      : line.serialNumbers.map((serial) => (
                          <div key={serial}>
                            <SerialNumber>{serial}</SerialNumber>
                          </div>
                        ))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}

/** What 835s adjusted on the bill: each CARC group and reason, its line and its remittance. */
function Adjustments({ bill }: { bill: Bill }) {
  const adjustments = bill.adjustments;
  if (adjustments.length === 0) return null;
  return (
    <section aria-labelledby="bill-adjustments">
      <Title order={2} size="h4" mb="xs" id="bill-adjustments">
        Insurance adjustments
      </Title>
      <Table.ScrollContainer minWidth={760}>
        <Table striped withTableBorder fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Recorded</Table.Th>
              <Table.Th>Adjustment</Table.Th>
              <Table.Th>Meaning</Table.Th>
              <Table.Th>Line</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
              <Table.Th>Source</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {adjustments.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td style={NOWRAP}>{formatDateTime(a.recordedAt)}</Table.Td>
                <Table.Td ff="monospace" style={NOWRAP}>
                  {carcLabel(a.group, a.reason)}
                </Table.Td>
                <Table.Td>{ADJUSTMENT_GROUP_LABELS[a.group] ?? a.kind}</Table.Td>
                <Table.Td>{a.billLineNumber ?? '—'}</Table.Td>
                <Table.Td ta="right" style={NOWRAP}>
                  {formatMoney(a.amount)}
                </Table.Td>
                <Table.Td>
                  <RemittanceSource remittanceId={a.remittanceId} billId={bill.id} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}
