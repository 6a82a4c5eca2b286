import { createBrowserRouter, Navigate } from 'react-router';
import { homeOf, useSession } from '../lib/session';
import { AdminRoute } from '../routes/admin/admin-route';
import { CaseListRoute } from '../routes/cases/case-list-route';
import { CaseRoute } from '../routes/cases/case-route';
import { NotFoundRoute } from '../routes/not-found-route';
import { DisputeRoute } from '../routes/orders/dispute-route';
import { OrderListRoute } from '../routes/orders/order-list-route';
import { OrderRoute } from '../routes/orders/order-route';
import { QueueRoute } from '../routes/queue/queue-route';
import { OidcCallbackRoute } from '../routes/sign-in/oidc-callback-route';
import { SignInRoute } from '../routes/sign-in/sign-in-route';
import { RequireSession } from './require-session';
import { Shell } from './shell';

function Home() {
  const session = useSession()!;
  return <Navigate to={homeOf(session.role)} replace />;
}

/** Routes mirror the domain: orders, cases, the queue, operations; all but sign-in behind a session. */
export const router = createBrowserRouter(
  [
    { path: '/sign-in', element: <SignInRoute /> },
    { path: '/sign-in/callback', element: <OidcCallbackRoute /> },
    {
      element: <RequireSession />,
      children: [
        {
          element: <Shell />,
          children: [
            { index: true, element: <Home /> },
            { path: 'orders', element: <OrderListRoute /> },
            { path: 'orders/:orderId', element: <OrderRoute /> },
            { path: 'orders/:orderId/dispute', element: <DisputeRoute /> },
            { path: 'cases', element: <CaseListRoute /> },
            { path: 'cases/:caseId', element: <CaseRoute /> },
            { path: 'queue', element: <QueueRoute /> },
            { path: 'admin', element: <AdminRoute /> },
            { path: '*', element: <NotFoundRoute /> },
          ],
        },
      ],
    },
  ],
  { basename: '/console' },
);
