import createCache, { type EmotionCache } from '@emotion/cache';
import { CacheProvider } from '@emotion/react';
import { createTheme, CssBaseline, ThemeProvider } from '@mui/material';
import { prefixer } from 'stylis';
import rtlPlugin from '@mui/stylis-plugin-rtl';
import { type ReactNode, useMemo } from 'react';
import { directionOf, type Language } from '../i18n';

/**
 * MUI right to left for Persian, left to right for English: the theme's direction and an
 * Emotion cache whose stylis plugin flips every left/right in the generated CSS.
 */
const caches: Record<'rtl' | 'ltr', EmotionCache> = {
  rtl: createCache({ key: 'muirtl', stylisPlugins: [prefixer, rtlPlugin] }),
  ltr: createCache({ key: 'muiltr', stylisPlugins: [prefixer] }),
};

export function AppTheme({ language, children }: { language: Language; children: ReactNode }) {
  const direction = directionOf(language);
  const theme = useMemo(
    () =>
      createTheme({
        direction,
        palette: {
          // Contrast against white ≥ 4.5:1 (WCAG 2.2 AA) for text and controls.
          primary: { main: '#0b5563', contrastText: '#ffffff' },
          secondary: { main: '#6a3d9a' },
          error: { main: '#b3261e' },
          warning: { main: '#8a5300' },
          background: { default: '#f6f7f8' },
        },
        typography: {
          fontFamily: 'Vazirmatn, "Segoe UI", Tahoma, system-ui, sans-serif',
          h1: { fontSize: '1.75rem', fontWeight: 700, lineHeight: 1.5 },
          h2: { fontSize: '1.35rem', fontWeight: 700, lineHeight: 1.5 },
          h3: { fontSize: '1.1rem', fontWeight: 700 },
          button: { textTransform: 'none', fontWeight: 600 },
        },
        shape: { borderRadius: 6 },
        components: {
          MuiButtonBase: { defaultProps: { disableRipple: false } },
          MuiTextField: { defaultProps: { fullWidth: true } },
          MuiLink: { defaultProps: { underline: 'always' } },
        },
      }),
    [direction],
  );
  return (
    <CacheProvider value={caches[direction]}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        {children}
      </ThemeProvider>
    </CacheProvider>
  );
}
