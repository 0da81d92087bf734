import { useState } from 'react';
import { useLeadflow } from '../app/leadflow-context';
import { AuditLogSection } from './AuditLogSection';
import { TokensSection } from './TokensSection';
import '../app/admin-pages.css';

/** API tokens (admins) and the audit log (admins and editors). */
export function AccessPage() {
  const { principal } = useLeadflow();
  // Bumped by each token change, so the audit log shows it at once.
  const [version, setVersion] = useState(0);
  return (
    <main className="page access">
      <div className="page-header">
        <h1>Access</h1>
      </div>
      {principal.role === 'admin' && <TokensSection onChange={() => setVersion((current) => current + 1)} />}
      <AuditLogSection version={version} />
    </main>
  );
}
