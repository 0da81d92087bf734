import { DashboardPage } from '../dashboard/DashboardPage';
import { useLeadflow } from './leadflow-context';

/** The metrics dashboard, fed by the signed API client. */
export function DashboardRoute() {
  const { api } = useLeadflow();
  return <DashboardPage request={api.get} />;
}
