import type { ReactNode } from 'react';
import { useLeadflow } from './leadflow-context';

/**
 * Who may open the setup pages: the roles whose tokens the pages' routes allow (see the route
 * `allow` lists and test/src/access-control.test.ts). Others get neither the nav entry nor the page.
 */
export const PAGE_ROLES = {
  // Viewers see the team model read-only.
  team: ['admin', 'editor', 'viewer'],
  intake: ['admin', 'editor'],
  imports: ['admin', 'editor', 'viewer'],
  access: ['admin', 'editor'],
  credentials: ['admin', 'editor'],
  // Viewers read the catalog; admins and editors declare and change custom types.
  eventTypes: ['admin', 'editor', 'viewer'],
} as const satisfies Record<string, readonly string[]>;

export type SetupPage = keyof typeof PAGE_ROLES;

export function mayOpen(role: string, page: SetupPage): boolean {
  return (PAGE_ROLES[page] as readonly string[]).includes(role);
}

/** Renders `children` for the roles that may open `page`; says why not to the others. */
export function RoleGate({ page, children }: { page: SetupPage; children: ReactNode }) {
  const { principal } = useLeadflow();
  if (mayOpen(principal.role, page)) return children;
  return <p className="page-status">This page is not open to {principal.role} tokens.</p>;
}
