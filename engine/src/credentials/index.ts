/** Node-only: opening credentials at run time. Their kinds (sandbox-safe) are exported by the package root. */
export { authHeaders, CredentialNotUsableError, CredentialResolver, type Credentials } from './credential-resolver.js';
