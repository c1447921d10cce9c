import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { PageLoader } from '../components/PageLoader';
import { formatDate } from '../lib/format';
import { portalCall } from './api';
import { ErrorNote } from './ErrorNote';
import { IMPLANT_CARDS_KEY } from './queries';
import type { PortalImplantCards } from './types';
import { Fact, PdfDownload, ViewHeader } from './ViewParts';

/** "Your implant card": one card per implant, readable on a phone, and the PDF to keep or print. */
export function ImplantCardView() {
  const cards = useQuery({
    queryKey: IMPLANT_CARDS_KEY,
    queryFn: () => portalCall<PortalImplantCards>('GET', '/implant-cards'),
  });
  return (
    <>
      <ViewHeader
        title="Your implant card"
        intro="Keep this with you. Show it to any doctor who treats you, and use it if the maker of your implant ever contacts patients about it."
      />
      {cards.isPending ? (
        <PageLoader />
      ) : cards.isError ? (
        <ErrorNote error={cards.error} title="We could not show your implant card" />
      ) : cards.data.cards.length === 0 ? (
        <Text>Your implant card is ready after your surgery.</Text>
      ) : (
        <>
          {cards.data.cards.map((card, i) => (
            <Paper
              withBorder
              p="md"
              component="section"
              key={i}
              aria-label={`${card.deviceName}, serial number ${card.serialNumber ?? 'not recorded'}`}
            >
              <Stack gap="sm">
                <Title order={2} size="h3" id={`card-${i}`}>
                  {card.deviceName}
                </Title>
                <SimpleGrid component="dl" cols={{ base: 1, xs: 2 }} spacing="sm" m={0}>
                  <Fact label="Manufacturer">{card.manufacturer ?? '—'}</Fact>
                  <Fact label="Size">{card.size ?? '—'}</Fact>
                  <Fact label="Shape">{card.shape ?? '—'}</Fact>
                  <Fact label="Lot number">
                    <span className="portal-code">{card.lotNumber ?? '—'}</span>
                  </Fact>
                  <Fact label="Serial number">
                    <span className="portal-code">{card.serialNumber ?? '—'}</span>
                  </Fact>
                  <Fact label="Date of surgery">{formatDate(card.surgeryDate)}</Fact>
                  <Fact label="Surgeon">{card.surgeonName ?? '—'}</Fact>
                  <Fact label="Clinic">
                    {card.clinicName}
                    {card.clinicPhone !== null ? `, ${card.clinicPhone}` : ''}
                  </Fact>
                </SimpleGrid>
                <dl style={{ margin: 0 }}>
                  <Fact label="Device identifier (UDI)">
                    <span className="portal-code">{card.udi ?? '—'}</span>
                  </Fact>
                </dl>
              </Stack>
            </Paper>
          ))}
          <PdfDownload path="/implant-cards/pdf" fileName="implant-card.pdf">
            Download / print (PDF)
          </PdfDownload>
        </>
      )}
    </>
  );
}
