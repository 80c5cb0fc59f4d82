import { AppBar, Box, Button, Container, Link, Toolbar, Typography } from '@mui/material';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, NavLink, Outlet, useNavigate } from 'react-router';
import type { Role } from '../api/client';
import { signOut, useSession } from '../auth/session';
import { currentLanguage, setLanguage } from '../i18n';
import { NoticeBanner } from './NoticeBanner';
import { SessionExpiredDialog } from './SessionExpiredDialog';
import { Loading } from './Loading';

/** Who sees which link: a page a person may not use is not offered to them. */
export const NAVIGATION: { to: string; label: string; roles?: readonly Role[] }[] = [
  { to: '/track', label: 'nav.track' },
  { to: '/complaints/track', label: 'nav.complaintTrack' },
  { to: '/cases', label: 'nav.cases', roles: ['CLERK', 'REVIEWER', 'SECRETARY', 'OPERATOR'] },
];

export function Layout() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const roles = session.me?.roles ?? [];
  const signedIn = session.status === 'signed-in' || session.status === 'expired';
  const links = NAVIGATION.filter(
    (item) =>
      !item.roles ||
      (signedIn && !session.mustChangePassword && item.roles.some((r) => roles.includes(r))),
  );
  const other = currentLanguage() === 'fa' ? 'en' : 'fa';
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <Link
        href="#main"
        sx={{
          position: 'absolute',
          insetInlineStart: 8,
          top: -48,
          zIndex: 2000,
          bgcolor: '#ffbf47',
          color: '#0b0c0c',
          p: 1,
          '&:focus': { top: 8 },
        }}
      >
        {t('app.skipToContent')}
      </Link>
      <AppBar position="static" component="header" elevation={0}>
        <Container maxWidth="lg" disableGutters>
          <Toolbar sx={{ flexWrap: 'wrap', gap: 1, py: 1 }}>
            <Typography
              component={RouterLink}
              to="/"
              sx={{
                color: 'inherit',
                textDecoration: 'none',
                fontWeight: 700,
                flexGrow: 1,
                fontSize: '1.05rem',
              }}
            >
              {t('app.shortName')}
            </Typography>
            <Box
              component="nav"
              aria-label={t('app.mainNavigation')}
              sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}
            >
              {links.map((item) => (
                <Button
                  key={item.to}
                  component={NavLink}
                  to={item.to}
                  color="inherit"
                  sx={{ '&.active': { textDecoration: 'underline', textUnderlineOffset: 6 } }}
                >
                  {t(item.label)}
                </Button>
              ))}
            </Box>
            <Box sx={{ display: 'flex', gap: 0.5, alignItems: 'center' }}>
              {signedIn && session.me ? (
                <>
                  <Typography
                    component="span"
                    sx={{ fontSize: '0.9rem', display: { xs: 'none', sm: 'inline' } }}
                  >
                    {t('nav.signedInAs', { name: session.me.displayName })}
                  </Typography>
                  <Button
                    color="inherit"
                    variant="outlined"
                    onClick={() => {
                      void signOut().then(() =>
                        navigate('/sign-in', { state: { signedOut: true } }),
                      );
                    }}
                  >
                    {t('nav.signOut')}
                  </Button>
                </>
              ) : session.status === 'signed-out' ? (
                <Button color="inherit" variant="outlined" component={RouterLink} to="/sign-in">
                  {t('nav.signIn')}
                </Button>
              ) : null}
              <Button
                color="inherit"
                lang={other}
                aria-label={t('app.switchLanguageLabel')}
                onClick={() => void setLanguage(other)}
              >
                {t('app.switchLanguage')}
              </Button>
            </Box>
          </Toolbar>
        </Container>
      </AppBar>
      <NoticeBanner />
      <Container
        component="main"
        id="main"
        tabIndex={-1}
        maxWidth="lg"
        sx={{ py: 3, flexGrow: 1, '&:focus': { outline: 'none' } }}
      >
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </Container>
      <Box
        component="footer"
        sx={{ py: 2, borderTop: 1, borderColor: 'divider', bgcolor: 'background.paper' }}
      >
        <Container maxWidth="lg">
          <Typography variant="body2">{t('app.name')}</Typography>
        </Container>
      </Box>
      {session.status === 'expired' ? <SessionExpiredDialog /> : null}
    </Box>
  );
}
