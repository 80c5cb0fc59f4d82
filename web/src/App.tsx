import { lazy } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { Layout } from './components/Layout';
import { RequireSession } from './components/RequireSession';
import { NotFound } from './pages/NotFound';

// Each page is its own chunk: the first load carries only the shell and the page asked for.
const Home = lazy(() => import('./pages/Home'));
const Track = lazy(() => import('./pages/Track'));
const SignIn = lazy(() => import('./pages/SignIn'));
const ChangePassword = lazy(() => import('./pages/ChangePassword'));
const CaseList = lazy(() => import('./pages/CaseList'));

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
