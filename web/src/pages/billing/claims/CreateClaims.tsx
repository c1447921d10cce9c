import { Anchor, Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { useInvalidate } from '../../../api/queries';
import { notifySuccess } from '../../../components/forms';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatMoney } from '../../../lib/format';
import type { Bill } from '../types';
import { ClaimDataErrors } from './ClaimDataErrors';
import { agingLabel, canClaimBill, canMakeNewClaim } from './lib';
import { billClaimsQuery } from './queries';
import type { Claim, ClaimListItem } from './types';

function createClaim(billId: string): Promise<Claim> {
  return unwrap(api.POST('/api/v1/claims', { body: { billId } }));
}

/** What became of one bill in "Create claims": its claim, or why none was made. */
export type CreateClaimOutcome =
  | { bill: Bill; claim: Claim; error?: undefined }
  | { bill: Bill; claim?: undefined; error: unknown };

/**
 * Makes a claim for each bill in turn (`POST /claims`), never stopping at a refusal: every bill
 * gets its outcome, so one patient's missing member id does not hold back the others.
 */
export async function createClaims(bills: readonly Bill[]): Promise<CreateClaimOutcome[]> {
  const outcomes: CreateClaimOutcome[] = [];
  for (const bill of bills) {
    try {
      outcomes.push({ bill, claim: await createClaim(bill.id) });
    } catch (error) {
      outcomes.push({ bill, error });
    }
  }
  return outcomes;
}

/** The outcomes of "Create claims", bill by bill: the claim made, or what is missing and where to fix it. */
export function CreateClaimsResults({
  outcomes,
  onClose,
}: {
  outcomes: readonly CreateClaimOutcome[];
  onClose: () => void;
}) {
  const made = outcomes.filter((o) => o.claim !== undefined).length;
  const refused = outcomes.length - made;
  return (
    <Card withBorder mb="md" component="section" aria-labelledby="create-claims-results">
      <Title order={2} size="h4" id="create-claims-results" mb="xs">
        {made} {made === 1 ? 'claim' : 'claims'} made
        {refused > 0 && `, ${refused} ${refused === 1 ? 'bill' : 'bills'} refused`}
      </Title>
      <Stack gap="sm">
        {outcomes.map((o) =>
          o.claim !== undefined ? (
            <Text key={o.bill.id} size="sm">
              {o.bill.billNumber}: claim{' '}
              <Anchor component={Link} to={`/billing/claims/${o.claim.id}`}>
                {o.claim.claimNumber}
              </Anchor>{' '}
              for {formatMoney(o.claim.totalCharge)} (DRAFT)
            </Text>
          ) : (
            <ClaimDataErrors
              key={o.bill.id}
              error={o.error}
              title={`${o.bill.billNumber}: no claim made`}
              patientId={o.bill.patientId}
              procedurePlanId={o.bill.procedurePlanId}
            />
          ),
        )}
      </Stack>
      <Stack align="flex-start" mt="sm">
        {made > 0 && (
          <Anchor component={Link} to="/billing/claims?status=DRAFT">
            Submit the new claims from the claims worklist
          </Anchor>
        )}
        <Button variant="default" size="xs" onClick={onClose}>
          Dismiss
        </Button>
      </Stack>
    </Card>
  );
}

/** The claims of one bill (a bill page's section): each with its status and what was paid. */
export function BillClaims({ bill }: { bill: Bill }) {
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const claims = useQuery(billClaimsQuery(bill.id));
  const create = useMutation({
    mutationFn: () => createClaim(bill.id),
    onSuccess: (claim) => {
      notifySuccess(`${claim.claimNumber} made (DRAFT).`);
      void invalidate(['claims'], ['bills', bill.id]);
      void navigate(`/billing/claims/${claim.id}`);
    },
  });
  const rows: ClaimListItem[] = claims.data?.data ?? [];
  const hasInsurance = bill.lineItems.some((l) => l.payer === 'INSURANCE');
  const canCreate = claims.isSuccess && canClaimBill(bill) && canMakeNewClaim(rows);
  return (
    <section aria-labelledby="bill-claims">
      <Title order={2} size="h4" mb="xs" id="bill-claims">
        Insurance claims
      </Title>
      <Stack gap="sm">
        {rows.length === 0 ? (
          <Text c="dimmed">
            {hasInsurance
              ? 'No claim made for this bill yet.'
              : 'This bill has no insurance lines.'}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Claim</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th ta="right">Total</Table.Th>
                  <Table.Th ta="right">Paid</Table.Th>
                  <Table.Th>Aging</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/billing/claims/${c.id}`}>
                        {c.claimNumber}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={c.status} />
                    </Table.Td>
                    <Table.Td ta="right">{formatMoney(c.totalCharge)}</Table.Td>
                    <Table.Td ta="right">{formatMoney(c.paid)}</Table.Td>
                    <Table.Td>{agingLabel(c.daysSinceSubmission)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {canCreate && (
          <div>
            <Button loading={create.isPending} onClick={() => create.mutate()}>
              Create claim
            </Button>
          </div>
        )}
        <ClaimDataErrors
          error={create.error}
          title="No claim made"
          patientId={bill.patientId}
          procedurePlanId={bill.procedurePlanId}
        />
      </Stack>
    </section>
  );
}
