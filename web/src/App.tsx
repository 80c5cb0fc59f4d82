import { lazy } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { Layout } from './components/Layout';
import { RequireSession } from './components/RequireSession';
import { NotFound } from './pages/NotFound';

// Each page is its own chunk: the first load carries only the shell and the page asked for.
const pages = {
  home: () => import('./pages/Home'),
  track: () => import('./pages/Track'),
  trackComplaint: () => import('./pages/TrackComplaint'),
  signIn: () => import('./pages/SignIn'),
  changePassword: () => import('./pages/ChangePassword'),
  caseList: () => import('./pages/CaseList'),
};
const Home = lazy(pages.home);
const Track = lazy(pages.track);
const TrackComplaint = lazy(pages.trackComplaint);
const SignIn = lazy(pages.signIn);
const ChangePassword = lazy(pages.changePassword);
const CaseList = lazy(pages.caseList);

/**
 * The page the address asks for starts loading at once, alongside the session's restoration
 * (a page behind RequireSession would otherwise wait for it before fetching its chunk).
 */
export function prefetchFirstPage(pathname: string): void {
  const first = pathname.split('/')[1] ?? '';
  const importer = {
    '': pages.home,
    track: pages.track,
    'sign-in': pages.signIn,
    'change-password': pages.changePassword,
    cases: pages.caseList,
    complaints: pages.trackComplaint,
  }[first];
  void importer?.();
}

/**
 * Every page of the application. A new page: a file in pages/, a route here (inside
 * RequireSession with its roles when it needs a sign-in), a link in NAVIGATION (Layout.tsx),
 * its texts in i18n/fa.ts and en.ts, and a visit in test/integration/web.int-spec.ts.
 */
const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/', element: <Home /> },
      { path: '/track', element: <Track /> },
      { path: '/track/:code', element: <Track /> },
      { path: '/complaints/track', element: <TrackComplaint /> },
      { path: '/complaints/track/:code', element: <TrackComplaint /> },
      { path: '/sign-in', element: <SignIn /> },
      {
        path: '/change-password',
        element: (
          <RequireSession>
            <ChangePassword />
          </RequireSession>
        ),
      },
      {
        path: '/cases',
        element: (
          <RequireSession roles={['CLERK', 'REVIEWER', 'SECRETARY', 'OPERATOR']}>
            <CaseList />
          </RequireSession>
        ),
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
