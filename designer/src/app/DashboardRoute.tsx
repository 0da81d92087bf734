/** The metrics dashboard lands with the metrics API; until then the route says so. */
export function DashboardRoute() {
  return <p className="page-status">The dashboard is not available on this server yet.</p>;
}
