import { Anchor, Card, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { Fact } from '../../../components/Fact';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDateTime, formatMoney } from '../../../lib/format';
import { sumMoney } from './lib';
import type { Remittance } from './types';

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
          <Fact label="Payer">{remittance.payerIdentifier}</Fact>
          <Fact label="Payment">{formatMoney(remittance.paymentTotal)}</Fact>
          <Fact label={preview ? 'Previewed' : 'Posted'}>
            {preview ? 'Not posted yet' : formatDateTime(remittance.createdAt)}
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
          <Table.ScrollContainer minWidth={640}>
            <Table withTableBorder striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Claim</Table.Th>
                  <Table.Th ta="right">Paid</Table.Th>
                  <Table.Th ta="right">Adjusted</Table.Th>
                  <Table.Th ta="right">Patient resp.</Table.Th>
                  <Table.Th>{preview ? 'New status' : 'Status'}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {claims.map((c) => (
                  <Table.Tr key={c.segmentIndex}>
                    <Table.Td>
                      <Anchor component={Link} to={`/billing/claims/${c.claimId}`}>
                        {c.claimNumber}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ta="right">{formatMoney(c.paid)}</Table.Td>
                    <Table.Td ta="right">{formatMoney(c.adjusted)}</Table.Td>
                    <Table.Td ta="right">{formatMoney(c.patientResponsibility)}</Table.Td>
                    <Table.Td>
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
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
        )}
      </section>
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
                    <Table.Td>{u.reason}</Table.Td>
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
