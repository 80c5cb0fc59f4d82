import '@fontsource/vazirmatn/400.css';
import '@fontsource/vazirmatn/700.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api/problem';
import { App, prefetchFirstPage } from './App';
import { restoreSession } from './auth/session';
import { applyDocumentLanguage, i18nReady, type Language } from './i18n';
import { AppTheme } from './theme/AppTheme';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) is an answer, not a hiccup: only network failures and 5xx are retried.
      retry: (count, error) =>
        count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

function Root() {
  const { i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'fa';
  useEffect(() => applyDocumentLanguage(language), [language]);
  return (
    <AppTheme language={language}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </AppTheme>
  );
}

// The session and the page's code are fetched together, before React first draws.
prefetchFirstPage(window.location.pathname);
void restoreSession();
void i18nReady.then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
});
