import { Anchor, Card, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { Fact } from '../../../components/Fact';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDate, formatDateTime, formatMoney } from '../../../lib/format';
import { adjustmentTotals, sumMoney } from './lib';
import type { Remittance } from './types';

const NOWRAP = { whiteSpace: 'nowrap' } as const;

/**
 * What an 835 posts (or, in a preview, would post): the payment, per claim what the payer paid,
 * adjusted and left to the patient with the claim's new status, and the CLPs that matched no claim.
 */
export function RemittanceResult({
  remittance,
  preview = false,
}: {
  remittance: Remittance;
  preview?: boolean;
}) {
  const claims = remittance.claims;
  return (
    <>
      <Card withBorder>
        <SimpleGrid cols={{ base: 2, lg: 4 }}>
          <Fact label="Trace number (TRN)">
            <Text span ff="monospace">
              {remittance.traceNumber}
            </Text>
          </Fact>
          <Fact label="Payer">
            {remittance.payerName}{' '}
            <Text span size="sm" c="dimmed" ff="monospace">
              {remittance.payerIdentifier}
            </Text>
          </Fact>
          <Fact label="Payment">
            {formatMoney(remittance.paymentTotal)} · {remittance.paymentMethod}
            {remittance.paymentDate !== null && ` · ${formatDate(remittance.paymentDate)}`}
          </Fact>
          <Fact label={preview ? 'Previewed' : 'Posted'}>
            {preview || remittance.createdAt === null
              ? 'Not posted yet'
              : formatDateTime(remittance.createdAt)}
          </Fact>
        </SimpleGrid>
      </Card>
      <section aria-label={preview ? 'Claims this 835 would post to' : 'Claims posted'}>
        <Title order={3} size="h5" mb="xs" mt="md">
          {preview ? 'What will post' : 'Claims posted'}
        </Title>
        {claims.length === 0 ? (
          <Text c="dimmed">No CLP of this 835 matches a claim.</Text>
        ) : (
          <Table.ScrollContainer minWidth={700}>
            <Table withTableBorder striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Claim</Table.Th>
                  <Table.Th ta="right">Paid</Table.Th>
                  <Table.Th ta="right">Adjusted</Table.Th>
                  <Table.Th ta="right">Patient resp.</Table.Th>
                  <Table.Th>Adjustments (CARC)</Table.Th>
                  <Table.Th>{preview ? 'New status' : 'Status'}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {claims.map((c) => (
                  <Table.Tr key={c.segmentIndex}>
                    <Table.Td style={NOWRAP}>
                      <Anchor component={Link} to={`/billing/claims/${c.claimId}`}>
                        {c.claimNumber}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ta="right">{formatMoney(c.paid)}</Table.Td>
                    <Table.Td ta="right">{formatMoney(c.adjusted)}</Table.Td>
                    <Table.Td ta="right">{formatMoney(c.patientResponsibility)}</Table.Td>
                    <Table.Td>
                      <CarcList clp={c} />
                    </Table.Td>
                    <Table.Td style={NOWRAP}>
                      <StatusBadge status={c.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr fw={700}>
                  <Table.Th scope="row">Total</Table.Th>
                  <Table.Td ta="right">{formatMoney(sumMoney(claims.map((c) => c.paid)))}</Table.Td>
                  <Table.Td ta="right">
                    {formatMoney(sumMoney(claims.map((c) => c.adjusted)))}
                  </Table.Td>
                  <Table.Td ta="right">
                    {formatMoney(sumMoney(claims.map((c) => c.patientResponsibility)))}
                  </Table.Td>
                  <Table.Td />
                  <Table.Td />
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
        )}
      </section>
      {remittance.providerAdjustments.length > 0 && (
        <section aria-label="Provider adjustments">
          <Title order={3} size="h5" mb="xs" mt="md">
            Provider adjustments (PLB)
          </Title>
          <Table withTableBorder fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Reason</Table.Th>
                <Table.Th>Reference</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {remittance.providerAdjustments.map((p) => (
                <Table.Tr key={`${p.segmentIndex}:${p.reason}:${p.reference ?? ''}`}>
                  <Table.Td ff="monospace">{p.reason}</Table.Td>
                  <Table.Td>{p.reference ?? '—'}</Table.Td>
                  <Table.Td ta="right">{formatMoney(p.amount)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>
      )}
      {remittance.unmatched.length > 0 && (
        <section aria-label="Unmatched claims">
          <Title order={3} size="h5" mb="xs" mt="md">
            Not matched to a claim ({remittance.unmatched.length})
          </Title>
          <Text size="sm" mb="xs">
            {preview
              ? 'These CLPs will be kept with the remittance for later matching; no money moves for them.'
              : 'Kept with the remittance for later matching; no money moved for them.'}
          </Text>
          <Table.ScrollContainer minWidth={560}>
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Patient control number (CLP01)</Table.Th>
                  <Table.Th>Segment</Table.Th>
                  <Table.Th>Why</Table.Th>
                  <Table.Th ta="right">Paid</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {remittance.unmatched.map((u) => (
                  <Table.Tr key={u.segmentIndex}>
                    <Table.Td ff="monospace">{u.patientControlNumber}</Table.Td>
                    <Table.Td>{u.segmentIndex}</Table.Td>
                    <Table.Td>{u.detail}</Table.Td>
                    <Table.Td ta="right">{formatMoney(u.paid)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </section>
      )}
    </>
  );
}

/** "CO-45 $1,200.00", one per line: what the payer adjusted on a claim, by CARC. */
function CarcList({ clp }: { clp: Parameters<typeof adjustmentTotals>[0] }) {
  const totals = adjustmentTotals(clp);
  if (totals.length === 0) return <>—</>;
  return (
    <>
      {totals.map((t) => (
        <div key={t.code} style={{ whiteSpace: 'nowrap' }}>
          <Text span inherit ff="monospace">
            {t.code}
          </Text>{' '}
          {formatMoney(t.amount)}
        </div>
      ))}
    </>
  );
}
