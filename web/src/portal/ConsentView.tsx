import {
  Alert,
  Button,
  Checkbox,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/problem';
import { PageLoader } from '../components/PageLoader';
import { formatDateTime } from '../lib/format';
import { consentContentHash } from '../pages/plans/consentHash';
import { portalCall } from './api';
import { ErrorNote } from './ErrorNote';
import { Block } from './Frame';
import { CONSENT_KEY } from './queries';
import { SignatureField } from './SignatureField';
import type { PortalConsent } from './types';
import { Fact, PdfDownload, ViewHeader } from './ViewParts';

/** "Read and sign your consent": the exact text, its fingerprint, the signature, the evidence. */
export function ConsentView() {
  const consent = useQuery({
    queryKey: CONSENT_KEY,
    queryFn: () => portalCall<PortalConsent>('GET', '/consent'),
  });
  return (
    <>
      <ViewHeader title="Read and sign your consent" />
      {consent.isPending ? (
        <PageLoader />
      ) : consent.isError ? (
        consent.error instanceof ApiError && consent.error.status === 404 ? (
          <Text>Your consent form is not ready yet. The clinic will let you know.</Text>
        ) : (
          <ErrorNote error={consent.error} title="We could not show your consent form" />
        )
      ) : (
        <ConsentBody consent={consent.data} />
      )}
    </>
  );
}

function ConsentBody({ consent }: { consent: PortalConsent }) {
  // The fingerprint of the text on this screen (docs/consents.md): what the signature is bound to.
  const shownHash = consentContentHash(consent.title, consent.body);
  const matches = shownHash === consent.contentHash;
  return (
    <>
      <Paper withBorder p="md" component="article" aria-labelledby="consent-title">
        <Title order={2} size="h3" id="consent-title" mb="sm">
          {consent.title}
        </Title>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{consent.body}</Text>
      </Paper>
      <Text size="sm">
        <strong>Document fingerprint:</strong>{' '}
        <span className="portal-code" data-testid="consent-fingerprint">
          {shownHash}
        </span>
        <br />
        <Text span size="sm" c="dimmed">
          This code identifies the exact text above. It is saved with your signature and printed on
          your signed copy, so anyone can check that the text was not changed afterwards.
        </Text>
      </Text>
      {!matches ? (
        <Alert color="red" title="This text cannot be signed" role="alert">
          The text on your screen does not match the clinic’s copy. Please reload the page; if this
          keeps happening, contact the clinic.
        </Alert>
      ) : consent.status === 'PENDING' && consent.signature === null ? (
        <SignForm consent={consent} />
      ) : consent.status === 'REVOKED' ? (
        <Alert
          color="yellow"
          title="This consent was withdrawn"
          styles={{ title: { color: 'var(--mantine-color-text)' } }}
        >
          Please contact the clinic before your surgery.
        </Alert>
      ) : null}
      {consent.signature !== null && <Evidence consent={consent} />}
    </>
  );
}

interface Errors {
  signerName?: string;
  signature?: string;
  agree?: string;
}

function SignForm({ consent }: { consent: PortalConsent }) {
  const queryClient = useQueryClient();
  const [signerName, setSignerName] = useState('');
  const [signature, setSignature] = useState<string | null>(null);
  const [agree, setAgree] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const sign = useMutation({
    mutationFn: () =>
      portalCall<PortalConsent>('POST', '/consent/sign', {
        signerName: signerName.trim(),
        signatureImage: signature,
        contentHash: consentContentHash(consent.title, consent.body),
      }),
    onSuccess: async (signed) => {
      queryClient.setQueryData(CONSENT_KEY, signed);
      await queryClient.invalidateQueries({ queryKey: ['portal'] });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Errors = {};
    if (signerName.trim() === '') next.signerName = 'Type your full name.';
    if (signature === null)
      next.signature = 'Sign in the box, or use your typed name as your signature.';
    if (!agree) next.agree = 'Tick the box to say you agree.';
    setErrors(next);
    if (Object.keys(next).length === 0) sign.mutate();
  }

  return (
    <Block>
      <Title order={2} size="h3">
        Sign
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Your full name"
            autoComplete="name"
            size="md"
            value={signerName}
            onChange={(e) => {
              setSignerName(e.currentTarget.value);
              setErrors((prev) => ({ ...prev, signerName: undefined }));
            }}
            error={errors.signerName}
          />
          <SignatureField
            typedName={signerName}
            onChange={(image) => {
              setSignature(image);
              setErrors((prev) => ({ ...prev, signature: undefined }));
            }}
            error={errors.signature}
          />
          <Checkbox
            size="md"
            checked={agree}
            onChange={(e) => {
              setAgree(e.currentTarget.checked);
              setErrors((prev) => ({ ...prev, agree: undefined }));
            }}
            label="I have read this consent form, I agree to it, and I agree to sign it electronically."
            error={errors.agree}
          />
          <ErrorNote error={sign.error} title="Your signature was not saved" />
          <Button type="submit" size="md" loading={sign.isPending}>
            Sign the consent
          </Button>
        </Stack>
      </form>
    </Block>
  );
}

const METHOD: Record<string, string> = {
  DRAWN: 'Drawn signature, through your link',
  TYPED: 'Typed signature',
};

/** What was recorded with the signature (the E-SIGN Act's and UETA's evidence). */
function Evidence({ consent }: { consent: PortalConsent }) {
  const s = consent.signature!;
  return (
    <Block>
      <Title order={2} size="h3">
        Signed
      </Title>
      <Text>
        You signed this consent on {formatDateTime(s.signedAt)}. The clinic keeps this record with
        it:
      </Text>
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="sm" m={0}>
        <Fact label="Name">{s.signerName}</Fact>
        <Fact label="Signed on">{formatDateTime(s.signedAt)}</Fact>
        <Fact label="How">{METHOD[s.method] ?? s.method.toLowerCase().replace(/_/g, ' ')}</Fact>
        <Fact label="Internet address">{s.ipAddress ?? '—'}</Fact>
        <Fact label="Device and browser">
          <span className="portal-code">{s.userAgent ?? '—'}</span>
        </Fact>
        <Fact label="Link reference">
          <span className="portal-code">{s.linkId ?? '—'}</span>
        </Fact>
      </SimpleGrid>
      <PdfDownload path="/consent/pdf" fileName="signed-consent.pdf">
        Download signed consent (PDF)
      </PdfDownload>
    </Block>
  );
}
