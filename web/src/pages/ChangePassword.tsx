import { Alert, TextField } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { changePassword, useSession } from '../auth/session';
import { formProblems } from '../components/form-errors';
import { MutationForm } from '../components/MutationForm';
import { PageHeading } from '../components/PageHeading';

const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;
interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Changing the password; the only page open to someone holding a one-time password. */
export default function ChangePassword() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession();
  const from = (location.state as { from?: string } | null)?.from;
  const prefix = useId();
  const inputId = (name: string) => `${prefix}-${name}`;
  const form = useForm<Values>({
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    shouldFocusError: false, // the error summary takes focus
  });
  const mutation = useMutation({
    mutationFn: (values: Values) => changePassword(values.currentPassword, values.newPassword),
    onSuccess: () =>
      navigate(from && from.startsWith('/') && !from.startsWith('//') ? from : '/cases', {
        replace: true,
        state: { passwordChanged: true },
      }),
  });
  const problems = formProblems(
    {
      errors: form.formState.errors,
      serverError: mutation.error,
      fields: FIELDS,
      inputId,
      labels: {
        currentPassword: t('changePassword.current'),
        newPassword: t('changePassword.next'),
        confirmPassword: t('changePassword.confirm'),
      },
    },
    t,
    i18n.language,
  );
  const text = (
    name: (typeof FIELDS)[number],
    label: string,
    autoComplete: string,
    hint?: string,
  ) => (
    <TextField
      id={inputId(name)}
      label={label}
      type="password"
      autoComplete={autoComplete}
      slotProps={{ htmlInput: { dir: 'ltr' } }}
      required
      error={!!problems.field(name)}
      helperText={problems.field(name) ?? hint}
      {...form.register(name, {
        required: 'errors.required',
        ...(name === 'confirmPassword'
          ? {
              validate: (value, values) =>
                value === values.newPassword || 'changePassword.mismatch',
            }
          : {}),
      })}
    />
  );
  return (
    <>
      <PageHeading title={t('changePassword.title')}>{t('changePassword.title')}</PageHeading>
      {session.mustChangePassword ? (
        <Alert severity="info" sx={{ mb: 2, maxWidth: 480 }}>
          {t('changePassword.forcedText')}
        </Alert>
      ) : null}
      <MutationForm
        form={form}
        mutation={mutation}
        summary={problems.summary}
        submitLabel={t('changePassword.submit')}
        maxWidth={480}
      >
        {text('currentPassword', t('changePassword.current'), 'current-password')}
        {text('newPassword', t('changePassword.next'), 'new-password', t('changePassword.hint'))}
        {text('confirmPassword', t('changePassword.confirm'), 'new-password')}
      </MutationForm>
    </>
  );
}
