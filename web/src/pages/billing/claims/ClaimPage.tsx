import { ALERT_TEXT } from './lib';
import { Alert, Anchor, Card, List, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useStaffNames } from '../../../api/queries';
import { Fact } from '../../../components/Fact';
import { DownloadButton } from '../../../components/DownloadButton';
import { SerialNumbers } from '../../../components/SerialNumber';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDate, formatDateTime, formatMoney } from '../../../lib/format';
import { codeWithModifiers } from '../BillPage';
import { MoneyDocument, RecordById } from '../MoneyDocument';
import { ClaimActionButtons } from './ClaimActions';
import {
  agingLabel,
  FREQUENCY_LABELS,
  PLACE_OF_SERVICE_LABELS,
  RELATIONSHIP_LABELS,
  serialsOfNote,
  transitionLabel,
  x12FileName,
} from './lib';
import { claimQuery, submission837pPath } from './queries';
import type { Claim, ClaimLine } from './types';

const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** One claim: what it bills and to whom, its lines and diagnoses, what happened to it, and what may be done. */
export function ClaimPage() {
  return <RecordById query={claimQuery}>{(claim) => <ClaimView claim={claim} />}</RecordById>;
}

function ClaimView({ claim }: { claim: Claim }) {
  const latest = claim.submissions.at(-1);
  return (
    <MoneyDocument
      title={`Claim ${claim.claimNumber}`}
      actions={
        <>
          {latest !== undefined && (
            <DownloadButton
              path={submission837pPath(latest.id)}
              fileName={x12FileName('837P', latest.interchangeControlNumber)}
            >
              Download 837P
            </DownloadButton>
          )}
          <ClaimActionButtons claim={claim} />
        </>
      }
      factCols={{ base: 2, sm: 3, lg: 4 }}
      facts={<ClaimFacts claim={claim} />}
    >
      {claim.statusReason !== null && (
        <Alert
          color={claim.status === 'REJECTED' || claim.status === 'DENIED' ? 'red' : 'gray'}
          title={claim.status === 'DENIED' ? 'Denied by the payer' : 'Reason'}
          styles={ALERT_TEXT}
        >
          {claim.statusReason}
        </Alert>
      )}
      <ClaimTotals claim={claim} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Subscriber claim={claim} />
        <Diagnoses codes={claim.diagnosisCodes} />
      </SimpleGrid>
      <Lines lines={claim.lines} />
      <Submissions claim={claim} />
      <RemittancePostings claim={claim} />
      <History claim={claim} />
    </MoneyDocument>
  );
}

function ClaimFacts({ claim }: { claim: Claim }) {
  const original = useQuery({
    ...claimQuery(claim.originalClaimId ?? ''),
    enabled: claim.originalClaimId !== null,
  });
  return (
    <>
      <Fact label="Status">
        <StatusBadge status={claim.status} />
      </Fact>
      <Fact label="Patient">
        <Anchor component={Link} to={`/patients/${claim.patientId}`}>
          {claim.patientName}
        </Anchor>
      </Fact>
      <Fact label="Payer">
        {claim.payer.name}{' '}
        <Text span size="sm" c="dimmed" ff="monospace">
          {claim.payer.payerId}
        </Text>
      </Fact>
      <Fact label="Bill">
        <Anchor component={Link} to={`/billing/bills/${claim.billId}`}>
          Open bill
        </Anchor>
      </Fact>
      <Fact label="Claim kind">
        {FREQUENCY_LABELS[claim.frequency] ?? claim.frequency}
        {claim.originalClaimId !== null && (
          <>
            {' of '}
            <Anchor component={Link} to={`/billing/claims/${claim.originalClaimId}`}>
              {original.data?.claimNumber ?? 'the original'}
            </Anchor>
          </>
        )}
      </Fact>
      <Fact label="Date of service">{formatDate(claim.serviceDate)}</Fact>
      <Fact label="Place of service">
        {PLACE_OF_SERVICE_LABELS[claim.placeOfService] ?? claim.placeOfService}
      </Fact>
      <Fact label="Prior authorization">{claim.priorAuthorizationNumber ?? '—'}</Fact>
      <Fact label="Submitted">
        {claim.submittedAt === null
          ? '—'
          : `${formatDate(claim.submittedAt)} (${agingLabel(claim.daysSinceSubmission)})`}
      </Fact>
      <Fact label="Payer's claim number">{claim.payerClaimControlNumber ?? '—'}</Fact>
    </>
  );
}

function SectionTitle({ id, children }: { id: string; children: string }) {
  return (
    <Title order={2} size="h4" mb="xs" id={id}>
      {children}
    </Title>
  );
}

/** What was billed, and what the payer's 835s made of it. */
function ClaimTotals({ claim }: { claim: Claim }) {
  const cells: [string, string][] = [
    ['Total charge', claim.totalCharge],
    ['Paid by the payer', claim.paid],
    ['Adjusted (CO, OA, PI)', claim.adjusted],
    ['Patient responsibility (PR)', claim.patientResponsibility],
  ];
  return (
    <Card withBorder component="section" aria-label="Claim totals">
      <SimpleGrid cols={{ base: 2, lg: 4 }}>
        {cells.map(([label, amount]) => (
          <Fact key={label} label={label}>
            <Text fw={600}>{formatMoney(amount)}</Text>
          </Fact>
        ))}
      </SimpleGrid>
    </Card>
  );
}

function Subscriber({ claim }: { claim: Claim }) {
  const s = claim.subscriber;
  const name = `${s.name.last}, ${s.name.first}`;
  return (
    <section aria-labelledby="claim-subscriber">
      <SectionTitle id="claim-subscriber">Payer and subscriber</SectionTitle>
      <Card withBorder>
        <SimpleGrid cols={2} spacing="sm">
          <Fact label="Payer">
            {claim.payer.name} ·{' '}
            <Text span ff="monospace">
              {claim.payer.payerId}
            </Text>
          </Fact>
          <Fact label="Subscriber">
            {name} ({RELATIONSHIP_LABELS[claim.relationship] ?? claim.relationship})
          </Fact>
          <Fact label="Member id">
            <Text span ff="monospace">
              {s.memberId}
            </Text>
          </Fact>
          <Fact label="Group number">{s.groupNumber ?? '—'}</Fact>
          <Fact label="Subscriber's date of birth">{formatDate(s.dateOfBirth)}</Fact>
          <Fact label="Rendering provider">
            {claim.renderingProvider === null ? (
              '—'
            ) : (
              <>
                {claim.renderingProvider.name.first} {claim.renderingProvider.name.last} ·{' '}
                <Text span ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                  NPI {claim.renderingProvider.npi}
                </Text>
              </>
            )}
          </Fact>
        </SimpleGrid>
      </Card>
    </section>
  );
}

function Diagnoses({ codes }: { codes: readonly string[] }) {
  return (
    <section aria-labelledby="claim-diagnoses">
      <SectionTitle id="claim-diagnoses">Diagnoses</SectionTitle>
      <Card withBorder>
        <List type="ordered" spacing={4}>
          {codes.map((code, i) => (
            <List.Item key={code}>
              <Text span ff="monospace">
                {code}
              </Text>
              {i === 0 && (
                <Text span size="sm" c="dimmed">
                  {' '}
                  (principal)
                </Text>
              )}
            </List.Item>
          ))}
        </List>
        <Text size="xs" c="dimmed" mt="xs">
          As written in the 837P (ICD-10-CM without the dot); a line's pointers are these numbers.
        </Text>
      </Card>
    </section>
  );
}

function Lines({ lines }: { lines: readonly ClaimLine[] }) {
  return (
    <section aria-labelledby="claim-lines">
      <SectionTitle id="claim-lines">Service lines</SectionTitle>
      <Table.ScrollContainer minWidth={760}>
        <Table striped withTableBorder fz="sm" horizontalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>Code</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th ta="right">Units</Table.Th>
              <Table.Th ta="right">Charge</Table.Th>
              <Table.Th>Pointers</Table.Th>
              <Table.Th>Note</Table.Th>
              <Table.Th ta="right">Paid</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((line) => {
              const note = serialsOfNote(line.note);
              return (
                <Table.Tr key={line.lineNumber}>
                  <Table.Td>{line.lineNumber}</Table.Td>
                  <Table.Td ff="monospace" style={NOWRAP}>
                    {codeWithModifiers(line)}
                  </Table.Td>
                  <Table.Td>{line.description}</Table.Td>
                  <Table.Td ta="right">{line.units}</Table.Td>
                  <Table.Td ta="right" style={NOWRAP}>
                    {formatMoney(line.charge)}
                  </Table.Td>
                  <Table.Td style={NOWRAP}>{line.diagnosisPointers.join(', ')}</Table.Td>
                  <Table.Td data-column="serial-numbers">
                    {note.serials.length > 0 ? (
                      <>
                        Serials: <SerialNumbers serials={note.serials} />
                      </>
                    ) : (
                      (note.text ?? '—')
                    )}
                  </Table.Td>
                  <Table.Td ta="right" style={NOWRAP}>
                    {formatMoney(line.paid)}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}

function Submissions({ claim }: { claim: Claim }) {
  return (
    <section aria-labelledby="claim-submissions">
      <SectionTitle id="claim-submissions">Submissions</SectionTitle>
      {claim.submissions.length === 0 ? (
        <Text c="dimmed">
          Not submitted yet. Submit it from the claims worklist (with other DRAFT claims in one
          file).
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Interchange</Table.Th>
                <Table.Th>Sent</Table.Th>
                <Table.Th>837P</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {claim.submissions.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td ff="monospace">{s.interchangeControlNumber}</Table.Td>
                  <Table.Td>{formatDateTime(s.createdAt)}</Table.Td>
                  <Table.Td>
                    <DownloadButton
                      path={submission837pPath(s.id)}
                      fileName={x12FileName('837P', s.interchangeControlNumber)}
                      size="compact-sm"
                      aria-label={`Download the 837P of interchange ${s.interchangeControlNumber}`}
                    >
                      Download
                    </DownloadButton>
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

function RemittancePostings({ claim }: { claim: Claim }) {
  return (
    <section aria-labelledby="claim-remittances">
      <SectionTitle id="claim-remittances">Remittances</SectionTitle>
      {claim.remittances.length === 0 ? (
        <Text c="dimmed">No 835 has posted to this claim yet.</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Trace number (TRN)</Table.Th>
                <Table.Th ta="right">Paid</Table.Th>
                <Table.Th ta="right">Adjusted</Table.Th>
                <Table.Th ta="right">Patient resp.</Table.Th>
                <Table.Th>Result</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {claim.remittances.map((r) => (
                <Table.Tr key={`${r.remittanceId}:${r.segmentIndex}`}>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/billing/remittances/${r.remittanceId}`}
                      ff="monospace"
                    >
                      {r.traceNumber}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right">{formatMoney(r.paid)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(r.adjusted)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(r.patientResponsibility)}</Table.Td>
                  <Table.Td>{r.status === null ? '—' : <StatusBadge status={r.status} />}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}

function History({ claim }: { claim: Claim }) {
  const staff = useStaffNames();
  return (
    <section aria-labelledby="claim-history">
      <SectionTitle id="claim-history">History</SectionTitle>
      <Table.ScrollContainer minWidth={640}>
        <Table withTableBorder fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Event</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>By</Table.Th>
              <Table.Th>Note</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {claim.history.map((e, i) => (
              <Table.Tr key={`${e.at}:${i}`}>
                <Table.Td style={NOWRAP}>{formatDateTime(e.at)}</Table.Td>
                <Table.Td>{e.event}</Table.Td>
                <Table.Td style={NOWRAP}>{transitionLabel(e.fromStatus, e.toStatus)}</Table.Td>
                <Table.Td>{staff.get(e.actorId) ?? '—'}</Table.Td>
                <Table.Td>
                  {e.remittanceId !== null ? (
                    <Anchor component={Link} to={`/billing/remittances/${e.remittanceId}`}>
                      {e.note ?? 'Remittance'}
                    </Anchor>
                  ) : (
                    (e.note ?? '—')
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}
