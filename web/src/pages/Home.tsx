import { Alert, Button, Card, CardContent, Grid, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useSession } from '../auth/session';
import { PageHeading } from '../components/PageHeading';

export default function Home() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <>
      <PageHeading title={t('nav.home')}>{t('home.title')}</PageHeading>
      <Typography sx={{ mb: 2, maxWidth: '70ch' }}>{t('home.intro')}</Typography>
      <Alert severity="success" variant="outlined" sx={{ mb: 3, maxWidth: '70ch' }}>
        {t('app.freeOfCharge')}
      </Alert>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Card variant="outlined" sx={{ height: '100%' }}>
            <CardContent>
              <Typography variant="h2" sx={{ mb: 1 }}>
                {t('home.trackTitle')}
              </Typography>
              <Typography sx={{ mb: 2 }}>{t('home.trackText')}</Typography>
              <Button variant="contained" component={RouterLink} to="/track">
                {t('nav.track')}
              </Button>
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Card variant="outlined" sx={{ height: '100%' }}>
            <CardContent>
              <Typography variant="h2" sx={{ mb: 1 }}>
                {t('home.staffTitle')}
              </Typography>
              <Typography sx={{ mb: 2 }}>{t('home.staffText')}</Typography>
              {session.status === 'signed-in' ? (
                <Button variant="outlined" component={RouterLink} to="/cases">
                  {t('nav.cases')}
                </Button>
              ) : (
                <Button variant="outlined" component={RouterLink} to="/sign-in">
                  {t('nav.signIn')}
                </Button>
              )}
            </CardContent>
          </Card>
        </Grid>
      </Grid>
    </>
  );
}
