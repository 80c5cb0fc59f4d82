import { Link, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { PageHeading } from '../components/PageHeading';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('notFound.title')}>{t('notFound.title')}</PageHeading>
      <Typography>
        {t('notFound.text')}{' '}
        <Link component={RouterLink} to="/">
          {t('nav.home')}
        </Link>
      </Typography>
    </>
  );
}
