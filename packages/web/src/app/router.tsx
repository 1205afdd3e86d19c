import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { PasswordPage } from '../accounts/PasswordPage.tsx';
import { SecondFactorPage } from '../accounts/SecondFactorPage.tsx';
import { SignInPage } from '../accounts/SignInPage.tsx';
import { SetupPage } from '../accounts/SetupPage.tsx';
import { HomePage } from './HomePage.tsx';
import { Loading } from '../components/Loading.tsx';
import { NotFound } from './NotFound.tsx';
import { RouteError } from './RouteError.tsx';
import { SessionGate } from './SessionGate.tsx';
import { Shell } from './Shell.tsx';

/** A page loaded when first opened, so that a phone on a slow link downloads only what it shows. */
const page = (load: () => Promise<ComponentType>) => async () => ({ Component: await load() });
const record = page(async () => (await import('../log/RecordPage.tsx')).RecordPage);
const notifications = page(async () => (await import('../notifications/NotificationsPage.tsx')).NotificationsPage);
const organisations = page(async () => (await import('../accounts/OrganisationsPage.tsx')).OrganisationsPage);
const users = page(async () => (await import('../accounts/UsersPage.tsx')).UsersPage);
const overview = page(async () => (await import('../mechanism/OverviewPage.tsx')).OverviewPage);
const agreements = page(async () => (await import('../mechanism/AgreementsPage.tsx')).AgreementsPage);
const excluded = page(async () => (await import('../mechanism/ExcludedGroupsPage.tsx')).ExcludedGroupsPage);
const zones = page(async () => (await import('../mechanism/ZonesPage.tsx')).ZonesPage);
const taxonomy = page(async () => (await import('../mechanism/TaxonomyPage.tsx')).TaxonomyPage);
const reports = page(async () => (await import('../reports/ReportsPage.tsx')).ReportsPage);
const newReport = page(async () => (await import('../reports/NewReportPage.tsx')).NewReportPage);
const report = page(async () => (await import('../reports/ReportPage.tsx')).ReportPage);
const incidents = page(async () => (await import('../incidents/IncidentsPage.tsx')).IncidentsPage);
const incident = page(async () => (await import('../incidents/IncidentPage.tsx')).IncidentPage);
const triage = page(async () => (await import('../incidents/TriagePage.tsx')).TriagePage);
const dashboard = page(async () => (await import('../dashboard/DashboardPage.tsx')).DashboardPage);
const map = page(async () => (await import('../dashboard/MapPage.tsx')).MapPage);
const tokens = page(async () => (await import('../accounts/TokensPage.tsx')).TokensPage);
const detaineeLists = page(async () => (await import('../detainees/ListsPage.tsx')).ListsPage);
const detaineeList = page(async () => (await import('../detainees/ListPage.tsx')).ListPage);
const detaineeUpload = page(async () => (await import('../detainees/UploadPage.tsx')).UploadPage);
const detaineePerson = page(async () => (await import('../detainees/PersonPage.tsx')).PersonPage);
const matching = page(async () => (await import('../detainees/MatchingPage.tsx')).MatchingPage);
const matchRun = page(async () => (await import('../detainees/RunPage.tsx')).RunPage);
const exchanges = page(async () => (await import('../detainees/ExchangesPage.tsx')).ExchangesPage);
const newExchange = page(async () => (await import('../detainees/NewExchangePage.tsx')).NewExchangePage);
const exchange = page(async () => (await import('../detainees/ExchangePage.tsx')).ExchangePage);
const exchangeFigures = page(async () => (await import('../detainees/ExchangeDashboardPage.tsx')).ExchangeDashboardPage);
const publications = page(async () => (await import('../publications/PublicationsPage.tsx')).PublicationsPage);
const meetings = page(async () => (await import('../meetings/MeetingsPage.tsx')).MeetingsPage);
const meeting = page(async () => (await import('../meetings/MeetingPage.tsx')).MeetingPage);
const search = page(async () => (await import('../search/SearchPage.tsx')).SearchPage);

/**
 * The pages. Sign-in and the one-time set-up are public; everything else sits behind the
 * session gate and inside the shell. The server answers every non-API path with
 * index.html, so each of these addresses can be opened directly or reloaded.
 */
export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage />, errorElement: <RouteError /> },
  { path: '/setup/:token', element: <SetupPage />, errorElement: <RouteError /> },
  {
    element: <SessionGate />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <Loading />,
    children: [
      {
        element: <Shell />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'record', lazy: record },
          { path: 'notifications', lazy: notifications },
          { path: 'reports', lazy: reports },
          { path: 'reports/new', lazy: newReport },
          { path: 'reports/:id', lazy: report },
          { path: 'incidents', lazy: incidents },
          { path: 'incidents/:id', lazy: incident },
          { path: 'triage', lazy: triage },
          { path: 'dashboard', lazy: dashboard },
          { path: 'map', lazy: map },
          { path: 'detainees', lazy: detaineeLists },
          { path: 'detainees/lists/:id', lazy: detaineeList },
          { path: 'detainees/lists/:id/upload', lazy: detaineeUpload },
          { path: 'detainees/lists/:id/persons/:ref', lazy: detaineePerson },
          { path: 'detainees/matching', lazy: matching },
          { path: 'detainees/matching/:runId', lazy: matchRun },
          { path: 'exchanges', lazy: exchanges },
          { path: 'exchanges/new', lazy: newExchange },
          { path: 'exchanges/dashboard', lazy: exchangeFigures },
          { path: 'exchanges/:id', lazy: exchange },
          { path: 'publications', lazy: publications },
          { path: 'meetings', lazy: meetings },
          { path: 'meetings/:id', lazy: meeting },
          { path: 'search', lazy: search },
          { path: 'admin', element: <Navigate to="/admin/organisations" replace /> },
          { path: 'admin/organisations', lazy: organisations },
          { path: 'admin/users', lazy: users },
          { path: 'mechanism', lazy: overview },
          { path: 'mechanism/agreements', lazy: agreements },
          { path: 'mechanism/excluded-groups', lazy: excluded },
          { path: 'mechanism/zones', lazy: zones },
          { path: 'mechanism/taxonomy', lazy: taxonomy },
          { path: 'account', element: <Navigate to="/account/password" replace /> },
          { path: 'account/password', element: <PasswordPage /> },
          { path: 'account/second-factor', element: <SecondFactorPage /> },
          { path: 'account/tokens', lazy: tokens },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
