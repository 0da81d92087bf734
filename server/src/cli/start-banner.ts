/** What `npm start` prints once Leadflow serves: where everything is, and a first lead to send. */
export function startBanner(options: {
  url: string;
  token: string;
  /** The operator set LEADFLOW_ADMIN_TOKEN: it is not printed (logs are collected). */
  tokenFromEnvironment?: boolean;
  temporalAddress: string;
  temporalUiUrl: string | null;
  data: string;
  seeded: boolean;
}): string {
  const { url } = options;
  const token = options.tokenFromEnvironment ? '$LEADFLOW_ADMIN_TOKEN' : options.token;
  return `
Leadflow is running.
  Designer          ${url}/workflows${options.tokenFromEnvironment ? '' : `#token=${token}   (signs you in)`}
  API               ${url}/api
  API docs          ${url}/docs
  Admin token       ${options.tokenFromEnvironment ? 'from LEADFLOW_ADMIN_TOKEN (not printed)' : token}
  Temporal          ${options.temporalAddress}${options.temporalUiUrl ? `  (UI ${options.temporalUiUrl})` : ''}
  Data              ${options.data}
${options.seeded ? '  Seeded workflows "inbound" (default) and "sla-escalation", team "inbound" and 6 reps.\n' : ''}
Try it:
  curl -s -X POST ${url}/api/leads -H "Authorization: Bearer ${token}" -H 'Content-Type: application/json' \\
    -d '{"email":"jane@acme.com","name":"Jane Doe","company":"Acme","title":"VP Sales","source":"demo_request","country":"US"}'

Ctrl-C stops everything.`;
}
