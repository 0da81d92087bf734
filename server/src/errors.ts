/** A problem with one field, node or edge of a request; the designer paints it where it points. */
export interface ProblemDetail {
  path: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** What to say at the form field itself (compile problems). */
  field?: string;
}

/** Every error the API answers with carries an HTTP status, a stable code and a sentence. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly errors?: ProblemDetail[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const list = (errors: ProblemDetail[]): string =>
  errors
    .slice(0, 3)
    .map(
      (e) =>
        `${e.nodeId ? `node '${e.nodeId}' ` : e.edgeId ? `edge '${e.edgeId}' ` : ''}${e.path ? `${e.path}: ` : ''}${e.message}`,
    )
    .join('; ') + (errors.length > 3 ? `; and ${errors.length - 3} more` : '');

/** Compile problems are whole sentences already ("Assign DACH: choose a team"): listed as they are. */
const sentences = (errors: ProblemDetail[]): string =>
  errors
    .slice(0, 3)
    .map((e) => e.message)
    .join('; ') + (errors.length > 3 ? `; and ${errors.length - 3} more` : '');

/** The one registry of API errors. */
export const Errors = {
  unauthorized: (why = 'send a valid token as "Authorization: Bearer <token>"') =>
    new ApiError(401, 'UNAUTHORIZED', why),
  forbidden: (role: string, route: string, allowed: readonly string[]) =>
    new ApiError(
      403,
      'FORBIDDEN',
      `a ${role} token may not call ${route}: that needs the role ${allowed.join(' or ')}`,
    ),
  eventNotForRole: (role: string, type: string, message: string) =>
    new ApiError(403, 'FORBIDDEN', `a ${role} token may not post '${type}' events: ${message}`, [
      { path: 'type', message },
    ]),
  notFound: (what: string, id: string) => new ApiError(404, 'NOT_FOUND', `${what} '${id}' was not found`),
  /** The request does not match the route's schema (what the OpenAPI document says it takes). */
  invalidRequest: (errors: ProblemDetail[]) =>
    new ApiError(400, 'INVALID_REQUEST', `invalid request: ${list(errors)}`, errors),
  /**
   * The request matches the route's schema, but a rule refuses a field: a reference to something
   * that does not exist, text the database cannot store, a time zone that is not one. 422, so a
   * 400 always means "not what the API document describes".
   */
  invalidField: (errors: ProblemDetail[]) =>
    new ApiError(422, 'INVALID_FIELD', `invalid request: ${list(errors)}`, errors),
  invalidGraph: (errors: ProblemDetail[], action: 'published' | 'run' = 'published') =>
    new ApiError(422, 'INVALID_GRAPH', `the workflow cannot be ${action}: ${sentences(errors)}`, errors),
  unavailable: (message: string) => new ApiError(503, 'UNAVAILABLE', message),
  invalidLead: (errors: ProblemDetail[]) =>
    new ApiError(422, 'INVALID_LEAD', `the lead was refused: ${list(errors)}`, errors),
  invalidImport: (errors: ProblemDetail[]) =>
    new ApiError(422, 'INVALID_IMPORT', `the file cannot be imported: ${list(errors)}`, errors),
  fileTooLarge: (maxBytes: number) =>
    new ApiError(
      413,
      'FILE_TOO_LARGE',
      `the file is larger than ${Math.round(maxBytes / 2 ** 20)} MiB; split it into smaller files`,
    ),
  importsBusy: (running: number) =>
    new ApiError(
      409,
      'IMPORTS_BUSY',
      `${running} imports are running on this server; start this one when one of them has finished`,
    ),
  noPublishedVersion: (workflow: string) =>
    new ApiError(409, 'NOT_PUBLISHED', `workflow '${workflow}' has no published version yet; publish it first`),
  noDefaultWorkflow: () =>
    new ApiError(409, 'NO_DEFAULT_WORKFLOW', "no default workflow is set: name one in the request's 'workflow' field"),
  unchanged: (version: number) =>
    new ApiError(409, 'UNCHANGED', `nothing changed since version ${version}; nothing to publish`),
  conflict: (message: string, path: string) => new ApiError(409, 'CONFLICT', message, [{ path, message }]),
  referenced: (what: string, id: string, reasons: string[]) =>
    new ApiError(
      409,
      'REFERENCED',
      `${what} '${id}' cannot be deleted: ${reasons.join('; ')}`,
      reasons.map((message) => ({ path: 'id', message })),
    ),
  archived: (workflow: string) => new ApiError(409, 'ARCHIVED', `workflow '${workflow}' is archived`),
  noLeadWithEmail: (email: string) =>
    new ApiError(404, 'NOT_FOUND', `no lead has the email '${email}'`, [
      { path: 'email', message: `no lead has the email '${email}'` },
    ]),
  originNotAllowed: (origin: string) =>
    new ApiError(
      403,
      'ORIGIN_NOT_ALLOWED',
      `this form does not take posts from origin '${origin}'; add it to the form's allowed origins`,
    ),
  rateLimited: (retryAfterSeconds: number) =>
    new ApiError(429, 'RATE_LIMITED', `too many submissions from your address; retry in ${retryAfterSeconds} s`),
  tooManyFailedAuthentications: (retryAfterSeconds: number) =>
    new ApiError(
      429,
      'TOO_MANY_FAILED_AUTHENTICATIONS',
      `too many refused tokens from your address; retry in ${retryAfterSeconds} s`,
    ),
  badSignature: (message: string) => new ApiError(401, 'BAD_SIGNATURE', message),
  idempotencyKeyReused: (key: string) =>
    new ApiError(
      422,
      'IDEMPOTENCY_KEY_REUSED',
      `Idempotency-Key '${key}' was already used with a different request; send a new key for a new request`,
      [{ path: 'headers.idempotency-key', message: 'was already used with a different request' }],
    ),
  replayed: () =>
    new ApiError(
      409,
      'REPLAYED',
      'this signed delivery was already received; a sender retrying must sign again with a new timestamp',
    ),
} as const;
