import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failures keep their message and stack trace in an encoded attribute, so the payload codec
 * encrypts them too: an error text that names a lead's address is not readable in Temporal.
 * A module of its own because the worker bundles it into the workflow sandbox by path.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
