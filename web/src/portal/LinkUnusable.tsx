import { Anchor, Text, Title } from '@mantine/core';
import type { ClinicContact } from './credentials';
import { Frame } from './Frame';
import { useFocusOnOpen } from './view';

/**
 * What an expired, revoked, locked or unknown link shows (the API gives one answer for all, so
 * this page does too): what may have happened and whom to call. Never a stack trace.
 */
export function LinkUnusable({ clinic }: { clinic: ClinicContact | null }) {
  const heading = useFocusOnOpen<HTMLHeadingElement>();
  return (
    <Frame clinic={clinic?.name ?? null} phone={clinic?.phone ?? null}>
      <Title order={1} ref={heading} tabIndex={-1}>
        This link can no longer be used
      </Title>
      <Text>
        A link to your surgery plan stops working after a few days, when the clinic cancels it, or
        after the date of birth was entered wrongly too many times.
      </Text>
      <Text>
        Please contact {clinic?.name ?? 'the clinic'}
        {clinic?.phone !== undefined && clinic.phone !== null && (
          <>
            {' '}
            at <Anchor href={`tel:${clinic.phone.replace(/[^+\d]/g, '')}`}>{clinic.phone}</Anchor>
          </>
        )}{' '}
        and ask for a new link. If you have an email from the clinic with a newer link, use that
        one.
      </Text>
    </Frame>
  );
}
