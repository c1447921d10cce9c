import { Table, Text, Title } from '@mantine/core';
import { useStaffNames } from '../../api/queries';
import { formatDateTime, formatMoney } from '../../lib/format';
import { RemittanceSource } from './claims/RemittanceSource';
import { labelOf, METHOD_OPTIONS, PAYER_OPTIONS } from './labels';
import type { Payer, PaymentMethod } from './types';

interface Payment {
  id: string;
  receivedAt: string;
  /** Who paid: a bill's payments say; a payment plan's are all the patient's. */
  payer?: Payer;
  method: PaymentMethod;
  reference: string | null;
  amount: string;
  recordedById: string;
  /** A bill's payment: paid on the bill, or money received before surgery that the bill credits. */
  source?: 'BILL' | 'DEPOSIT' | 'PAYMENT_PLAN' | 'REMITTANCE';
  /** A payment an 835 posted: the remittance and its CLP. */
  remittanceId?: string | null;
  remittanceClaimId?: string | null;
}

const SOURCE_LABELS = {
  BILL: 'Manual, on the bill',
  DEPOSIT: 'Deposit',
  PAYMENT_PLAN: 'Payment plan',
  REMITTANCE: '835 remittance',
};

/** Where a bill's payment came from; a remittance's names its TRN and claim. */
function PaymentSource({ payment, billId }: { payment: Payment; billId?: string }) {
  if (payment.source === undefined) return <>—</>;
  if (payment.source === 'REMITTANCE' && payment.remittanceId != null && billId !== undefined) {
    return <RemittanceSource remittanceId={payment.remittanceId} billId={billId} />;
  }
  return <>{SOURCE_LABELS[payment.source]}</>;
}

/** The payments recorded on a bill or a payment plan, under a "Payments" heading. */
export function PaymentsSection({
  id,
  payments,
  withPayer = false,
  billId,
}: {
  /** The bill the payments are on (a remittance's payment then names its claim). */
  billId?: string;
  /** The heading's id, which names the section. */
  id: string;
  payments: readonly Payment[];
  withPayer?: boolean;
}) {
  const staff = useStaffNames();
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h4" mb="xs" id={id}>
        Payments
      </Title>
      {payments.length === 0 ? (
        <Text c="dimmed">No payments recorded yet.</Text>
      ) : (
        <Table.ScrollContainer minWidth={withPayer ? 880 : 640}>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Received</Table.Th>
                {withPayer && <Table.Th>Payer</Table.Th>}
                {withPayer && <Table.Th>Source</Table.Th>}
                <Table.Th>Method</Table.Th>
                <Table.Th>Reference</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
                <Table.Th>Recorded by</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {payments.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{formatDateTime(p.receivedAt)}</Table.Td>
                  {withPayer && (
                    <Table.Td>
                      {p.payer === undefined ? '—' : labelOf(PAYER_OPTIONS, p.payer)}
                    </Table.Td>
                  )}
                  {withPayer && (
                    <Table.Td>
                      <PaymentSource payment={p} billId={billId} />
                    </Table.Td>
                  )}
                  <Table.Td>{labelOf(METHOD_OPTIONS, p.method)}</Table.Td>
                  <Table.Td>{p.reference ?? '—'}</Table.Td>
                  <Table.Td ta="right">{formatMoney(p.amount)}</Table.Td>
                  <Table.Td>{staff.get(p.recordedById) ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
