import type { DemoAccount } from './load-demo';

/**
 * What `npm run demo` prints last: the sign-ins, with the passwords of the accounts this run
 * created (they are printed only now), and where the web app opens (`http://HOST:PORT/`).
 */
export function accountsTable(
  clinicName: string,
  accounts: readonly DemoAccount[],
  webAppUrl: string,
): string {
  const rows = accounts.map((a) => [
    a.role,
    a.name,
    a.email,
    a.password ?? 'exists (password unchanged)',
  ]);
  const header = ['role', 'name', 'email', 'password'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const anyNew = accounts.some((a) => a.password !== undefined);
  return [
    `Sign in to "${clinicName}" (POST /api/v1/auth/login) as:`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    ...(anyNew
      ? ['These passwords are printed once and never again: note them now.']
      : ['Forgotten a password? The admin can set a new one (PATCH /api/v1/users/:id).']),
    `Start the server with \`npm start\` and open the web app at ${webAppUrl} (API docs at /api/docs).`,
  ].join('\n');
}
