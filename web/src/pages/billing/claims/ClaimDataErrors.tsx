import { Alert, Anchor, List, Text, type MantineSpacing } from '@mantine/core';
import { Link } from 'react-router';
import { ApiError, describeError } from '../../../api/problem';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { fixLinkFor } from './lib';

/**
 * Why a claim could not be made or sent. A 422 `CLAIM_DATA_MISSING` lists every missing field with
 * where to fix it (the billing profile, the payers, the patient's insurance, the surgeon's NPI,
 * the plan); anything else is the usual problem alert.
 */
export function ClaimDataErrors({
  error,
  title,
  patientId,
  procedurePlanId,
  mb,
}: {
  error: unknown;
  title: string;
  patientId?: string;
  procedurePlanId?: string;
  mb?: MantineSpacing;
}) {
  if (error === null || error === undefined) return null;
  const errors = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  if (!(error instanceof ApiError) || error.status !== 422 || errors.length === 0) {
    return (
      <div style={{ marginBottom: mb === undefined ? undefined : `var(--mantine-spacing-${mb})` }}>
        <ProblemAlert error={error} title={title} />
      </div>
    );
  }
  return (
    <Alert color="red" title={title} role="alert" mb={mb}>
      <Text size="sm">{describeError(error)}</Text>
      <List size="sm" mt="xs" spacing={4}>
        {errors.map((e) => {
          const fix = fixLinkFor(e, { patientId, procedurePlanId });
          return (
            <List.Item key={`${e.path}:${e.message}`}>
              {e.message}
              {e.path !== '' && (
                <Text span size="xs" c="dimmed" ff="monospace">
                  {' '}
                  ({e.path})
                </Text>
              )}
              {fix !== null && (
                <>
                  {' — fix it in '}
                  <Anchor component={Link} to={fix.to} size="sm">
                    {fix.label}
                  </Anchor>
                </>
              )}
            </List.Item>
          );
        })}
      </List>
    </Alert>
  );
}
