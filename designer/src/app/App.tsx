import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { BrowserRouter, Navigate, NavLink, Route, Routes } from 'react-router';
import { ApiError, createApi, errorMessage } from '../api/api-client';
import type { LeadField, NodeType, Principal } from '@leadflow/server/contract';
import { type Leadflow, LeadflowContext } from './leadflow-context';
import { forgetToken, storedToken, storeToken, takeTokenFromUrl } from './session';
import { SignIn } from './SignIn';
import { mayOpen, RoleGate } from './page-access';

// One chunk per page: opening the editor does not download the dashboard's charts, and back.
// The editor's chunk is fetched while signing in when the address is an editor's, not after.
const loadEditor = () => import('../editor/EditorPage');
if (/^\/workflows\/[^/]+/.test(window.location.pathname)) void loadEditor();
const HomePage = lazy(() => import('../home/HomePage').then((module) => ({ default: module.HomePage })));
const EditorPage = lazy(() => loadEditor().then((module) => ({ default: module.EditorPage })));
const InboxPage = lazy(() => import('../inbox/InboxPage').then((module) => ({ default: module.InboxPage })));
const LeadExplorerPage = lazy(() =>
  import('../leads/LeadExplorerPage').then((module) => ({ default: module.LeadExplorerPage })),
);
const LeadPage = lazy(() => import('../leads/LeadPage').then((module) => ({ default: module.LeadPage })));
const TeamPage = lazy(() => import('../team/TeamPage').then((module) => ({ default: module.TeamPage })));
const ComparePage = lazy(() => import('../versions/ComparePage').then((module) => ({ default: module.ComparePage })));
const WorkflowListPage = lazy(() =>
  import('../workflows/WorkflowListPage').then((module) => ({ default: module.WorkflowListPage })),
);
const DashboardRoute = lazy(() => import('./DashboardRoute').then((module) => ({ default: module.DashboardRoute })));
const AccessPage = lazy(() => import('../access/AccessPage').then((module) => ({ default: module.AccessPage })));
const ImportsPage = lazy(() => import('../imports/ImportsPage').then((module) => ({ default: module.ImportsPage })));
const CredentialsPage = lazy(() =>
  import('../credentials/CredentialsPage').then((module) => ({ default: module.CredentialsPage })),
);
const EventTypesPage = lazy(() =>
  import('../event-types/EventTypesPage').then((module) => ({ default: module.EventTypesPage })),
);
const IntakePage = lazy(() => import('../intake/IntakePage').then((module) => ({ default: module.IntakePage })));

/** Signs in (token from the start link, this tab's or this computer's storage, or the form), loads the catalog, then routes. */
export function App() {
  const [token, setToken] = useState<string | null>(() => {
    const fromUrl = takeTokenFromUrl();
    if (fromUrl) storeToken(fromUrl, false);
    return fromUrl ?? storedToken();
  });
  const [session, setSession] = useState<Omit<Leadflow, 'signOut'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const signOut = useCallback(() => {
    forgetToken();
    setSession(null);
    setToken(null);
  }, []);

  useEffect(() => {
    if (!token) return;
    let cancelled = false;
    const api = createApi(token, () => undefined);
    setBusy(true);
    setError(null);
    (async () => {
      // Asked at once, not one after the other: opening a page waits for both.
      // A rep or capture token may not read the catalog; the pages they can use do not need it.
      const catalogRequest = api
        .get<{ nodeTypes: NodeType[]; leadFields: LeadField[] }>('/api/node-types')
        .catch((failure: unknown) => {
          if (failure instanceof ApiError && failure.status === 403) return { nodeTypes: [], leadFields: [] };
          throw failure;
        });
      catalogRequest.catch(() => undefined); // its failure is reported below, after the principal's
      let principal: Principal;
      try {
        principal = await api.get<Principal>('/api/me');
      } catch (failure) {
        // A server without token roles answers 404 here; any accepted token is then the admin's.
        if (!(failure instanceof ApiError && failure.status === 404)) throw failure;
        await api.get('/api/workflows');
        principal = { name: 'admin', role: 'admin', tokenId: null, repId: null };
      }
      const catalog = await catalogRequest;
      if (!cancelled)
        setSession({
          api: createApi(token, signOut),
          principal,
          nodeTypes: catalog.nodeTypes,
          leadFields: catalog.leadFields,
        });
    })()
      .catch((failure: unknown) => {
        if (cancelled) return;
        if (failure instanceof ApiError && failure.status === 401) {
          forgetToken();
          setToken(null);
          // The server says why (expired, revoked, unknown); its sentence is for people.
          setError(`That token was not accepted: ${failure.message}`);
        } else setError(errorMessage(failure));
      })
      .finally(() => !cancelled && setBusy(false));
    return () => {
      cancelled = true;
    };
  }, [token, signOut]);

  const context = useMemo<Leadflow | null>(() => (session ? { ...session, signOut } : null), [session, signOut]);

  if (!context) {
    if (token && busy)
      return (
        <p className="page-status" aria-busy="true">
          Signing in…
        </p>
      );
    return (
      <SignIn
        error={error}
        busy={busy}
        onSubmit={(value, remember) => {
          storeToken(value, remember);
          setToken(value);
        }}
      />
    );
  }
  // A rep works from the inbox; the other pages need roles a rep token does not have.
  const isRep = context.principal.role === 'rep';
  const home = isRep ? '/inbox' : '/';
  return (
    <LeadflowContext.Provider value={context}>
      <BrowserRouter>
        <div className="shell">
          <header className="top-bar">
            <a className="brand" href={home}>
              Leadflow
            </a>
            <nav aria-label="Main">
              {isRep ? (
                <NavLink to="/inbox">Inbox</NavLink>
              ) : (
                <>
                  <NavLink to="/" end>
                    Start
                  </NavLink>
                  <NavLink to="/workflows">Workflows</NavLink>
                  <NavLink to="/leads">Leads</NavLink>
                  <NavLink to="/dashboard">Dashboard</NavLink>
                  {context.principal.role === 'admin' && <NavLink to="/inbox">Inbox</NavLink>}
                  {mayOpen(context.principal.role, 'team') && <NavLink to="/team">Team</NavLink>}
                  {mayOpen(context.principal.role, 'eventTypes') && <NavLink to="/event-types">Event types</NavLink>}
                  {mayOpen(context.principal.role, 'intake') && <NavLink to="/intake">Intake</NavLink>}
                  {mayOpen(context.principal.role, 'imports') && <NavLink to="/imports">Imports</NavLink>}
                  {mayOpen(context.principal.role, 'credentials') && <NavLink to="/credentials">Credentials</NavLink>}
                  {mayOpen(context.principal.role, 'access') && <NavLink to="/access">Access</NavLink>}
                </>
              )}
              <a href="/docs" target="_blank" rel="noreferrer">
                API docs
              </a>
            </nav>
            <span className="who">
              {context.principal.name} · {context.principal.role}
            </span>
            <button type="button" onClick={signOut}>
              Sign out
            </button>
          </header>
          <Suspense
            fallback={
              <p className="page-status" aria-busy="true">
                Loading…
              </p>
            }
          >
            <Routes>
              <Route path="/" element={isRep ? <Navigate to="/inbox" replace /> : <HomePage />} />
              <Route path="/inbox" element={<InboxPage />} />
              <Route path="/workflows" element={<WorkflowListPage />} />
              <Route path="/workflows/:id" element={<EditorPage />} />
              <Route path="/workflows/:id/versions/:version" element={<EditorPage />} />
              <Route path="/workflows/:id/compare" element={<ComparePage />} />
              <Route path="/leads" element={<LeadExplorerPage />} />
              <Route path="/leads/:id" element={<LeadPage />} />
              <Route path="/dashboard" element={<DashboardRoute />} />
              <Route
                path="/team"
                element={
                  <RoleGate page="team">
                    <TeamPage />
                  </RoleGate>
                }
              />
              <Route
                path="/intake"
                element={
                  <RoleGate page="intake">
                    <IntakePage />
                  </RoleGate>
                }
              />
              <Route
                path="/imports"
                element={
                  <RoleGate page="imports">
                    <ImportsPage />
                  </RoleGate>
                }
              />
              <Route
                path="/access"
                element={
                  <RoleGate page="access">
                    <AccessPage />
                  </RoleGate>
                }
              />
              <Route
                path="/credentials"
                element={
                  <RoleGate page="credentials">
                    <CredentialsPage />
                  </RoleGate>
                }
              />
              <Route
                path="/event-types"
                element={
                  <RoleGate page="eventTypes">
                    <EventTypesPage />
                  </RoleGate>
                }
              />
              <Route
                path="*"
                element={
                  <p className="page-status">
                    This page does not exist. <NavLink to={home}>Go to the start page</NavLink>
                  </p>
                }
              />
            </Routes>
          </Suspense>
        </div>
      </BrowserRouter>
    </LeadflowContext.Provider>
  );
}
