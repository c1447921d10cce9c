import { Stack } from '@mantine/core';
import { PageHeader } from '../../../components/PageHeader';
import { RecordById } from '../MoneyDocument';
import { remittanceQuery } from './queries';
import { RemittanceResult } from './RemittanceResult';

/** One posted remittance: its payment, the claims it posted to, and the CLPs it could not match. */
export function RemittancePage() {
  return (
    <RecordById query={remittanceQuery}>
      {(remittance) => (
        <Stack gap={0}>
          <PageHeader title={`Remittance ${remittance.traceNumber}`} />
          <RemittanceResult remittance={remittance} />
        </Stack>
      )}
    </RecordById>
  );
}
