import { Anchor, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useAuth } from '../../../auth/AuthProvider';
import { billClaimsQuery, remittanceQuery } from './queries';

const NOWRAP = { whiteSpace: 'nowrap' } as const;

/**
 * Where an insurer's payment or adjustment came from: the remittance's trace number (TRN) and the
 * claim its CLP paid, linked; for a role that does not read remittances, only "835 remittance".
 */
export function RemittanceSource({
  remittanceId,
  billId,
}: {
  remittanceId: string;
  /** The bill it was posted to: its claim is the one the remittance paid there. */
  billId: string;
}) {
  const { can } = useAuth();
  const allowed = can('claims.manage');
  const remittance = useQuery({ ...remittanceQuery(remittanceId), enabled: allowed });
  const billClaims = useQuery({ ...billClaimsQuery(billId), enabled: allowed });
  if (!allowed) return <>835 remittance</>;
  if (remittance.data === undefined) {
    return (
      <Anchor component={Link} to={`/billing/remittances/${remittanceId}`}>
        835 remittance
      </Anchor>
    );
  }
  // The remittance answers its CLPs by claim, not by the CLP row's id the bill names: the bill's
  // own claims say which CLP posted here.
  const ids = new Set((billClaims.data?.data ?? []).map((c) => c.id));
  const clp = remittance.data.claims.find((c) => ids.has(c.claimId));
  return (
    <Text span inherit>
      <Anchor component={Link} to={`/billing/remittances/${remittanceId}`}>
        835 TRN <span style={NOWRAP}>{remittance.data.traceNumber}</span>
      </Anchor>
      {clp !== undefined && (
        <>
          {' · '}
          <Anchor component={Link} to={`/billing/claims/${clp.claimId}`} style={NOWRAP}>
            {clp.claimNumber}
          </Anchor>
        </>
      )}
    </Text>
  );
}
