import '@mantine/core/styles.css';
import './portal.css';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createQueryClient } from '../api/query-client';
import { takeTokenFromAddress } from './credentials';
import { PortalApp } from './PortalApp';
import { portalCssVariables, portalTheme } from './theme';

// The patients' pages (`/p/<token>`, docs/patient-portal-web.md): their own entry, so a patient's
// phone loads none of the staff app.
const root = document.getElementById('root');
if (root === null) throw new Error('portal.html has no #root');

// Before anything renders: the token leaves the address bar (kept in this tab's sessionStorage).
const hasLink = takeTokenFromAddress(window.location, window.history) !== null;

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={portalTheme} cssVariablesResolver={portalCssVariables}>
      <QueryClientProvider client={createQueryClient()}>
        <PortalApp hasLink={hasLink} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
