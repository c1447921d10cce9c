import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useAuth } from '../auth/AuthProvider';
import type { Permission } from '../auth/permissions';
import { PageHeader } from './PageHeader';

/**
 * A screen only some roles may use: the others read why ("not available to your role") instead
 * of a failing request (the API's 403).
 */
export function RoleGate({
  permission,
  message = 'Your role does not give access to this screen.',
  pageTitle,
  children,
}: {
  permission: Permission;
  /** Why, or who may use the screen: "Receiving stock is for nurses and administrators." */
  message?: ReactNode;
  /** The page's heading, shown above the message when the screen (which has its own) is not. */
  pageTitle?: string;
  children: ReactNode;
}) {
  const { can } = useAuth();
  if (can(permission)) return <>{children}</>;
  return (
    <>
      {pageTitle !== undefined && <PageHeader title={pageTitle} />}
      <Alert color="yellow" title="Not available to your role">
        {message}
      </Alert>
    </>
  );
}
