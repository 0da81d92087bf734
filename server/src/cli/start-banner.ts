/** What `npm start` prints once Leadflow serves: where everything is, and a first lead to send. */
export function startBanner(options: { url: string; token: string; temporalAddress: string; temporalUiUrl: string | null; data: string; seeded: boolean }): string {
  const { url, token } = options;
  return `
Leadflow is running.
  Designer          ${url}/workflows#token=${token}   (signs you in)
  API               ${url}/api
  API docs          ${url}/docs
  Admin token       ${token}
  Temporal          ${options.temporalAddress}${options.temporalUiUrl ? `  (UI ${options.temporalUiUrl})` : ''}
  Data              ${options.data}
${options.seeded ? '  Seeded workflows "inbound" (default) and "sla-escalation", team "inbound" and 6 reps.\n' : ''}
Try it:
  curl -s -X POST ${url}/api/leads -H "Authorization: Bearer ${token}" -H 'Content-Type: application/json' \\
    -d '{"email":"jane@acme.com","name":"Jane Doe","company":"Acme","title":"VP Sales","source":"demo_request","country":"US"}'

Ctrl-C stops everything.`;
}
