import { Alert } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/session';
import { PageHeading } from '../components/PageHeading';
import { SignInForm } from '../components/SignInForm';

interface FromState {
  from?: string;
  signedOut?: boolean;
}

/** Only same-site paths: a crafted link cannot send a person elsewhere after signing in. */
function safeReturn(path: string | undefined): string {
  return path && path.startsWith('/') && !path.startsWith('//') ? path : '/cases';
}

export default function SignIn() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession();
  const state = (location.state ?? {}) as FromState;
  const next = safeReturn(state.from);
  if (session.status === 'signed-in')
    return <Navigate to={session.mustChangePassword ? '/change-password' : next} replace />;
  return (
    <>
      <PageHeading title={t('signIn.title')}>{t('signIn.title')}</PageHeading>
      {state.signedOut ? (
        <Alert severity="info" sx={{ mb: 2, maxWidth: 420 }}>
          {t('signIn.signedOut')}
        </Alert>
      ) : null}
      <SignInForm
        onSignedIn={(signedIn) =>
          void navigate(signedIn.mustChangePassword ? '/change-password' : next, {
            replace: true,
            state: { from: next },
          })
        }
      />
    </>
  );
}
