import { Anchor, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useAuth } from '../../../auth/AuthProvider';
import { remittanceQuery } from './queries';

/**
 * Where an insurer's payment or adjustment came from: the remittance's trace number (TRN) and the
 * claim its CLP paid, linked; for a role that does not read remittances, only "835 remittance".
 */
export function RemittanceSource({
  remittanceId,
  remittanceClaimId,
}: {
  remittanceId: string;
  remittanceClaimId: string | null | undefined;
}) {
  const { can } = useAuth();
  const allowed = can('claims.manage');
  const remittance = useQuery({ ...remittanceQuery(remittanceId), enabled: allowed });
  if (!allowed) return <>835 remittance</>;
  if (remittance.data === undefined) {
    return (
      <Anchor component={Link} to={`/billing/remittances/${remittanceId}`}>
        835 remittance
      </Anchor>
    );
  }
  const clp = remittance.data.claims.find((c) => (c as { id?: string }).id === remittanceClaimId);
  return (
    <Text span inherit>
      <Anchor component={Link} to={`/billing/remittances/${remittanceId}`}>
        835 TRN {remittance.data.traceNumber}
      </Anchor>
      {clp !== undefined && (
        <>
          {' · '}
          <Anchor component={Link} to={`/billing/claims/${clp.claimId}`}>
            {clp.claimNumber}
          </Anchor>
        </>
      )}
    </Text>
  );
}
