import { Button, Group, NumberInput, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { quoteQuery, useInvalidate } from '../../api/queries';
import { Fact } from '../../components/Fact';
import { notifySuccess } from '../../components/forms';
import { PdfButton } from '../../components/PdfButton';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { useAuth } from '../../auth/AuthProvider';
import { formatDateTime, formatMoney } from '../../lib/format';
import { PlanPaymentOffers } from './PlanPaymentOffers';
import { Section } from './Section';
import { titleCase, type Plan, type Quote } from './types';

/** The plan's current quote, and "Create quote" / "Re-quote" while the plan is open. */
export function PlanQuote({ plan }: { plan: Plan }) {
  const { can } = useAuth();
  const quoteId = plan.currentQuoteId;
  const mayQuote = can('plans.quote') && (plan.status === 'DRAFT' || plan.status === 'QUOTED');
  return (
    <Section
      id="plan-quote"
      title="Quote"
      actions={
        quoteId !== null &&
        can('quotes.read') && (
          <PdfButton path={`/api/v1/quotes/${quoteId}/pdf`}>Quote PDF</PdfButton>
        )
      }
    >
      <Stack gap="md">
        {quoteId === null ? (
          <Text size="sm">No current quote.</Text>
        ) : can('quotes.read') ? (
          <CurrentQuote quoteId={quoteId} />
        ) : (
          <Text size="sm">Your role cannot read quotes.</Text>
        )}
        {quoteId !== null && can('quotes.read') && plan.status !== 'CANCELLED' && (
          <PlanPaymentOffers quoteId={quoteId} />
        )}
        {mayQuote && <QuoteForm plan={plan} />}
      </Stack>
    </Section>
  );
}

function QuoteForm({ plan }: { plan: Plan }) {
  const invalidate = useInvalidate();
  const [validDays, setValidDays] = useState<number | string>(30);
  const quote = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/procedure-plans/{id}/quote', {
          params: { path: { id: plan.id } },
          headers: ifMatch(plan.version),
          body: { validDays: Number(validDays) || 30 },
        }),
      ),
    onSuccess: async (q) => {
      await invalidate(['procedure-plans'], ['quotes']);
      notifySuccess(`Quote ${q.quoteNumber} issued: ${formatMoney(q.total)}`);
    },
  });
  const requote = plan.currentQuoteId !== null;
  return (
    <Stack gap="xs">
      <Group align="flex-end" wrap="wrap">
        <NumberInput
          label="Valid for (days)"
          min={1}
          max={365}
          allowDecimal={false}
          w={150}
          value={validDays}
          onChange={setValidDays}
        />
        <Button onClick={() => quote.mutate()} loading={quote.isPending}>
          {requote ? 'Re-quote' : 'Create quote'}
        </Button>
      </Group>
      {requote && (
        <Text size="sm" c="dimmed">
          Re-quoting prices the plan again from today’s fee schedule and supersedes the current
          quote.
        </Text>
      )}
      <ProblemAlert
        error={quote.error}
        title="No quote was issued"
        onReload={() => {
          quote.reset();
          void invalidate(['procedure-plans', plan.id]);
        }}
      />
    </Stack>
  );
}

function CurrentQuote({ quoteId }: { quoteId: string }) {
  const quote = useQuery(quoteQuery(quoteId));
  return <QueryState query={quote}>{(q) => <QuoteView quote={q} />}</QueryState>;
}

function QuoteView({ quote }: { quote: Quote }) {
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Fact label="Quote">
          <Text fw={600}>{quote.quoteNumber}</Text>
        </Fact>
        <Fact label="Status">
          <StatusBadge status={quote.status} />
        </Fact>
        <Fact label="Issued">
          <Text>{formatDateTime(quote.issuedAt)}</Text>
        </Fact>
        <Fact label="Valid until">
          <Text>{formatDateTime(quote.validUntil)}</Text>
        </Fact>
      </SimpleGrid>
      <Table.ScrollContainer minWidth={720}>
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Code</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th ta="right">Qty</Table.Th>
              <Table.Th ta="right">Unit price</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
              <Table.Th>Payer</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {quote.lines.map((line, i) => (
              <Table.Tr key={`${line.kind}-${line.code}-${i}`}>
                <Table.Td>{titleCase(line.kind)}</Table.Td>
                <Table.Td>{line.code}</Table.Td>
                <Table.Td>{line.description}</Table.Td>
                <Table.Td ta="right">{line.quantity}</Table.Td>
                <Table.Td ta="right">{formatMoney(line.unitPrice)}</Table.Td>
                <Table.Td ta="right">{formatMoney(line.amount)}</Table.Td>
                <Table.Td>{titleCase(line.payer)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={5} ta="right">
                Total
              </Table.Th>
              <Table.Td ta="right" fw={700}>
                {formatMoney(quote.total)}
              </Table.Td>
              <Table.Td />
            </Table.Tr>
            <Table.Tr>
              <Table.Th colSpan={5} ta="right">
                Insurance portion
              </Table.Th>
              <Table.Td ta="right">{formatMoney(quote.insurancePortion)}</Table.Td>
              <Table.Td />
            </Table.Tr>
            <Table.Tr>
              <Table.Th colSpan={5} ta="right">
                Patient portion
              </Table.Th>
              <Table.Td ta="right">{formatMoney(quote.patientPortion)}</Table.Td>
              <Table.Td />
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
