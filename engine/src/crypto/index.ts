/** Node-only: the keyring, sealed secrets, per-lead data keys and the Temporal payload codec. */
export { Keyring, newSecretKey, parseKeyring, type SecretKey } from './keyring.js';
export { decrypt, encrypt, openSealed, seal, sealedKeyId } from './sealed.js';
export { LEAD_KEY_CACHE_MS, LeadErasedError, LeadKeys } from './lead-keys.js';
export { LeadflowPayloadCodec } from './payload-codec.js';
