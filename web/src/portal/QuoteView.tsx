import { Alert, Divider, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { formatDate, formatMoney } from '../lib/format';
import { PageLoader } from '../components/PageLoader';
import { portalCall } from './api';
import { ErrorNote } from './ErrorNote';
import { Block } from './Frame';
import { QUOTE_KEY } from './queries';
import type { PortalQuote } from './types';
import { PdfDownload, ViewHeader } from './ViewParts';

/** "Your price": each line, what insurance pays and what the patient pays, until when. */
export function QuoteView() {
  const quote = useQuery({
    queryKey: QUOTE_KEY,
    queryFn: () => portalCall<PortalQuote>('GET', '/quote'),
  });
  return (
    <>
      <ViewHeader
        title="Your price"
        intro="What your surgery costs, line by line, and the part you pay."
      />
      {quote.isPending ? (
        <PageLoader />
      ) : quote.isError ? (
        <ErrorNote error={quote.error} title="We could not show your price" />
      ) : (
        <QuoteBody quote={quote.data} />
      )}
    </>
  );
}

function QuoteBody({ quote }: { quote: PortalQuote }) {
  const expired = quote.status === 'EXPIRED';
  const insured = quote.lines.some((l) => l.payer === 'INSURANCE');
  return (
    <>
      {expired && (
        <Alert
          color="yellow"
          title="This price has expired"
          styles={{ title: { color: 'var(--mantine-color-text)' } }}
        >
          It was valid until {formatDate(quote.validUntil)}. The clinic will send you a new one.
        </Alert>
      )}
      <Block>
        <Text fw={700} component="h2" m={0}>
          What is included
        </Text>
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {quote.lines.map((line, i) => (
            <li key={i}>
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
                <Stack gap={2}>
                  <Text>{line.description}</Text>
                  {(line.quantity !== 1 || insured) && (
                    <Text size="sm" c="dimmed">
                      {line.quantity === 1
                        ? formatMoney(line.unitPrice)
                        : `${line.quantity} × ${formatMoney(line.unitPrice)}`}
                      {insured && (line.payer === 'INSURANCE' ? ' · insurance pays' : ' · you pay')}
                    </Text>
                  )}
                </Stack>
                <Text fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {formatMoney(line.amount)}
                </Text>
              </Group>
            </li>
          ))}
        </Stack>
        <Divider />
        <Total label="Total" amount={quote.total} />
        {insured && <Total label="Your insurance pays" amount={quote.insurancePortion} />}
        <Total label="You pay" amount={quote.patientPortion} strong />
        <Text size="sm" c="dimmed">
          {expired ? 'Was valid until' : 'This price is valid until'} {formatDate(quote.validUntil)}
          . Reference: {quote.quoteNumber}.
        </Text>
      </Block>
      <PdfDownload path="/quote/pdf" fileName={`${quote.quoteNumber}.pdf`}>
        Download PDF
      </PdfDownload>
    </>
  );
}

function Total({ label, amount, strong }: { label: string; amount: string; strong?: boolean }) {
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text fw={strong === true ? 700 : 500} size={strong === true ? 'lg' : 'md'}>
        {label}
      </Text>
      <Text
        fw={strong === true ? 700 : 500}
        size={strong === true ? 'lg' : 'md'}
        data-testid={strong === true ? 'you-pay' : undefined}
      >
        {formatMoney(amount)}
      </Text>
    </Group>
  );
}
