import { Alert, Container } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { say, unwrap } from '../api/problem';
import { formatJalali } from '../lib/dates';

/**
 * Maintenance under way or announced (GET /notices, public): on every page, checked each minute.
 * A window under way says that writes are refused; reading and tracking still work.
 */
export function NoticeBanner() {
  const { t, i18n } = useTranslation();
  const notices = useQuery({
    queryKey: ['notices'],
    queryFn: () => unwrap(api.GET('/api/v1/notices')),
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
  const shown = (notices.data ?? []).filter(
    (n) => n.status === 'ACTIVE' || n.status === 'UPCOMING',
  );
  if (shown.length === 0) return null;
  const language = i18n.language;
  return (
    <Container component="section" aria-label={t('notices.region')} maxWidth="lg" sx={{ pt: 2 }}>
      {shown.map((notice) => (
        <Alert
          key={notice.id}
          severity={notice.status === 'ACTIVE' ? 'warning' : 'info'}
          sx={{ mb: 1 }}
        >
          <strong>
            {t(notice.status === 'ACTIVE' ? 'notices.active' : 'notices.upcoming', {
              from: formatJalali(notice.startsAt, language, true),
              to: formatJalali(notice.endsAt, language, true),
            })}
          </strong>{' '}
          {say(notice.message, language)}
        </Alert>
      ))}
    </Container>
  );
}
