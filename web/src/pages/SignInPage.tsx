import {
  Alert,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import { ProblemAlert } from '../components/ProblemAlert';

/** The alert's title in the text colour: the yellow title on yellow is under 4.5:1 (axe). */
const ALERT_TEXT = { title: { color: 'var(--mantine-color-text)' } };

/** Only a path of this app is a place to return to after sign-in (no open redirect). */
function safeNext(next: string | null): string {
  return next !== null && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { user, ended, signIn } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (/^\S+@\S+$/.test(v) ? null : 'Enter your email address'),
      password: (v) => (v.length > 0 ? null : 'Enter your password'),
    },
  });
  const next = safeNext(params.get('next'));
  if (user !== null) return <Navigate to={next} replace />;
  const expired = ended === 'expired';
  const idle = ended === 'idle';

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={380} component="main">
        <form
          onSubmit={form.onSubmit(async (values) => {
            setError(null);
            try {
              await signIn(values.email.trim(), values.password);
              void navigate(next, { replace: true });
            } catch (e) {
              setError(e);
            }
          })}
        >
          <Stack>
            <Title order={1} size="h2">
              Contour
            </Title>
            {expired && (
              <Alert color="yellow" title="Your session ended" styles={ALERT_TEXT}>
                Sign in again to go back to where you were.
              </Alert>
            )}
            {idle && (
              <Alert color="yellow" title="Signed out after inactivity" styles={ALERT_TEXT}>
                The screen was left unattended, so you were signed out to protect patient data. Sign
                in again to go back to where you were.
              </Alert>
            )}
            <ProblemAlert error={error} title="Could not sign in" />
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              autoFocus
              {...form.getInputProps('email')}
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={form.submitting}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
