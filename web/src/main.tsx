import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/notifications/styles.css';
import './print.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { NOTIFICATION_WIDTH } from './layout/frame';
import { AuthProvider } from './auth/AuthProvider';
import { createQueryClient } from './api/query-client';
import { cssVariablesResolver, theme } from './theme';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      {/*
        Bottom-left, as wide as the navbar: over the sections' list, never over a page's buttons
        (those sit in the main area, right of the navbar). Each notification closes on its own.
      */}
      <Notifications
        position="bottom-left"
        containerWidth={NOTIFICATION_WIDTH}
        limit={3}
        autoClose={5000}
      />
      <QueryClientProvider client={createQueryClient()}>
        <BrowserRouter>
          <AuthProvider>
            <App />
          </AuthProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
