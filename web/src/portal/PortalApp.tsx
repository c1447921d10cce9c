import { Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/problem';
import { PageLoader } from '../components/PageLoader';
import { portalCall, setLinkInvalidHandler } from './api';
import {
  dateOfBirth,
  forgetCredential,
  knownClinic,
  rememberClinic,
  rememberDateOfBirth,
} from './credentials';
import { DobGate } from './DobGate';
import { HomeView } from './HomeView';
import { LinkUnusable } from './LinkUnusable';
import { OVERVIEW_KEY } from './queries';
import type { Overview } from './types';
import { useView } from './view';
import { QuoteView } from './QuoteView';
import { ConsentView } from './ConsentView';
import { ChecklistView } from './ChecklistView';
import { ApproveView } from './ApproveView';
import { PaymentPlanView } from './PaymentPlanView';
import { ImplantCardView } from './ImplantCardView';
import { ErrorNote } from './ErrorNote';
import { Frame } from './Frame';

type Stage = 'unusable' | 'gate' | 'open';

/**
 * The patient's way through: a link that cannot be used → a clear page; otherwise the date of
 * birth first, then the steps. Any 401 on the way (expired, revoked, locked, plan cancelled)
 * forgets the credential and shows the same clear page.
 */
export function PortalApp({ hasLink }: { hasLink: boolean }) {
  const queryClient = useQueryClient();
  const [stage, setStage] = useState<Stage>(
    !hasLink ? 'unusable' : dateOfBirth() === null ? 'gate' : 'open',
  );
  useEffect(() => {
    setLinkInvalidHandler(() => {
      forgetCredential();
      queryClient.clear();
      setStage('unusable');
    });
  }, [queryClient]);

  if (stage === 'unusable') return <LinkUnusable clinic={knownClinic()} />;
  if (stage === 'gate') {
    return (
      <DobGate
        onVerified={(dob, overview) => {
          rememberDateOfBirth(dob);
          rememberClinic(overview.clinic);
          queryClient.setQueryData(OVERVIEW_KEY, overview);
          setStage('open');
        }}
        onLocked={() => {
          forgetCredential();
          setStage('unusable');
        }}
      />
    );
  }
  return (
    <Portal
      onAskDateOfBirth={() => {
        rememberDateOfBirth(null);
        setStage('gate');
      }}
    />
  );
}

function Portal({ onAskDateOfBirth }: { onAskDateOfBirth: () => void }) {
  const overview = useQuery({
    queryKey: OVERVIEW_KEY,
    queryFn: () => portalCall<Overview>('GET', ''),
  });
  const view = useView();
  const mismatch =
    overview.error instanceof ApiError && overview.error.code === 'PATIENT_LINK_DOB_MISMATCH';
  useEffect(() => {
    if (mismatch) onAskDateOfBirth();
  }, [mismatch, onAskDateOfBirth]);
  useEffect(() => {
    if (overview.data !== undefined) rememberClinic(overview.data.clinic);
  }, [overview.data]);

  if (overview.isPending || mismatch) return <PageLoader />;
  if (overview.isError) {
    return (
      <Frame clinic={knownClinic()?.name ?? null}>
        <Title order={1}>We could not open your plan</Title>
        <ErrorNote error={overview.error} />
      </Frame>
    );
  }
  const o = overview.data;
  return (
    <Frame clinic={o.clinic.name} phone={o.clinic.phone}>
      {view === 'home' && <HomeView overview={o} />}
      {view === 'quote' && <QuoteView />}
      {view === 'consent' && <ConsentView />}
      {view === 'checklist' && <ChecklistView />}
      {view === 'approve' && <ApproveView overview={o} />}
      {view === 'payment-plan' && <PaymentPlanView />}
      {view === 'implant-card' && <ImplantCardView />}
    </Frame>
  );
}
