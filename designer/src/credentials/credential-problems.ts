import { ApiError, errorMessage } from '../api/api-client';
import type { FieldError } from '../schema-form';

/** What a failed save says, split by where it shows: the name field, the secret's own fields, or the whole dialog. */
export interface CredentialProblems {
  name?: string;
  /** Paths relative to the secret (`url`), for the secret's generated form. */
  secret: FieldError[];
  general?: string;
}

/** Sorts the API's problems (`name`, `secret.url`, `secret`) onto the fields of the credential dialog. */
export function credentialProblems(failure: unknown): CredentialProblems {
  if (!(failure instanceof ApiError) || failure.problems.length === 0)
    return { secret: [], general: errorMessage(failure) };
  const result: CredentialProblems = { secret: [] };
  const rest: string[] = [];
  for (const problem of failure.problems) {
    if (problem.path === 'name') result.name = result.name ? `${result.name}; ${problem.message}` : problem.message;
    else if (problem.path === 'secret' || problem.path.startsWith('secret.'))
      result.secret.push({ path: problem.path.slice('secret.'.length), message: problem.message });
    else rest.push(problem.message);
  }
  if (rest.length > 0 || (!result.name && result.secret.length === 0))
    result.general = rest.length > 0 ? rest.join('; ') : failure.message;
  return result;
}
