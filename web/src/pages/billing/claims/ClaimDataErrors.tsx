import { Alert, Anchor, List, Text, type MantineSpacing } from '@mantine/core';
import { Link } from 'react-router';
import { ApiError } from '../../../api/problem';
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
      {/* The API's detail repeats every field; the list below says each once, with its fix. */}
      <Text size="sm">
        {errors.length === 1
          ? 'The 837P needs one thing that is missing or wrong:'
          : `The 837P needs ${errors.length} things that are missing or wrong:`}
      </Text>
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
                  {/* The primary link colour is 4.1:1 on the alert's red; indigo 9 reads at 4.5:1. */}
                  <Anchor component={Link} to={fix.to} size="sm" c="indigo.9" underline="always">
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
