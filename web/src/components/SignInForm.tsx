import { TextField } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/problem';
import { signIn, type SessionState } from '../auth/session';
import { localDigits } from '../lib/digits';
import { formProblems } from './form-errors';
import { MutationForm } from './MutationForm';

const FIELDS = ['username', 'password'] as const;
interface Values {
  username: string;
  password: string;
}

/** Username and password; used by the sign-in page and by the dialog over an expired session. */
export function SignInForm({
  onSignedIn,
  username,
}: {
  onSignedIn: (session: SessionState) => void;
  username?: string;
}) {
  const { t, i18n } = useTranslation();
  const prefix = useId();
  const inputId = (name: string) => `${prefix}-${name}`;
  const form = useForm<Values>({
    defaultValues: { username: username ?? '', password: '' },
    shouldFocusError: false, // the error summary takes focus
  });
  const mutation = useMutation({
    mutationFn: (values: Values) => signIn(values.username.trim(), values.password),
    onSuccess: onSignedIn,
  });
  const problems = formProblems(
    {
      errors: form.formState.errors,
      serverError: mutation.error,
      fields: FIELDS,
      inputId,
      labels: { username: t('signIn.username'), password: t('signIn.password') },
    },
    t,
    i18n.language,
  );
  const retryAfter =
    mutation.error instanceof ApiError && mutation.error.code === 'RATE.LIMITED'
      ? (mutation.error.retryAfterSeconds ?? mutation.error.problem.retryAfterSeconds)
      : undefined;
  const summary = retryAfter
    ? [
        ...problems.summary,
        {
          message: t('signIn.retryAfter', {
            time: localDigits(
              new Intl.NumberFormat(i18n.language === 'fa' ? 'fa-IR' : 'en', {
                style: 'unit',
                unit: retryAfter >= 120 ? 'minute' : 'second',
                unitDisplay: 'long',
              }).format(retryAfter >= 120 ? Math.ceil(retryAfter / 60) : retryAfter),
              i18n.language,
            ),
          }),
        },
      ]
    : problems.summary;
  return (
    <MutationForm
      form={form}
      mutation={mutation}
      summary={summary}
      submitLabel={mutation.isPending ? t('signIn.submitting') : t('signIn.submit')}
      maxWidth={420}
    >
      <TextField
        id={inputId('username')}
        label={t('signIn.username')}
        autoComplete="username"
        required
        error={!!problems.field('username')}
        helperText={problems.field('username')}
        slotProps={{ htmlInput: { dir: 'ltr', spellCheck: false, autoCapitalize: 'none' } }}
        {...form.register('username', { required: 'errors.required' })}
      />
      <TextField
        id={inputId('password')}
        label={t('signIn.password')}
        type="password"
        autoComplete="current-password"
        required
        slotProps={{ htmlInput: { dir: 'ltr' } }}
        error={!!problems.field('password')}
        helperText={problems.field('password')}
        {...form.register('password', { required: 'errors.required' })}
      />
    </MutationForm>
  );
}
