import { Dialog, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { useSession } from '../auth/session';
import { SignInForm } from './SignInForm';

/**
 * Over the page whose session ended: sign in again without leaving it, so nothing typed is lost;
 * the page's data is then read again with the new session.
 */
export function SessionExpiredDialog() {
  const { t } = useTranslation();
  const titleId = useId();
  const queryClient = useQueryClient();
  const session = useSession();
  return (
    <Dialog open aria-labelledby={titleId}>
      <DialogTitle id={titleId} component="h2">
        {t('signIn.expiredTitle')}
      </DialogTitle>
      <DialogContent>
        <Typography sx={{ mb: 2 }}>{t('signIn.expiredText')}</Typography>
        <SignInForm
          username={session.me?.username}
          onSignedIn={() => void queryClient.invalidateQueries()}
        />
      </DialogContent>
    </Dialog>
  );
}
