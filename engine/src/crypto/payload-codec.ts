import { type Payload, type PayloadCodec, type SerializationContext, ValueError } from '@temporalio/common';
import proto from '@temporalio/proto';
import type { Keyring } from './keyring.js';
import type { LeadKeys } from './lead-keys.js';
import { decrypt, encrypt } from './sealed.js';

// A CommonJS module: its namespace comes as the default export under Node's ESM loader.
const { temporal } = proto;
const ENCODING = 'binary/encrypted';
const text = new TextEncoder();
const readText = new TextDecoder();
const LEAD_WORKFLOW = /^lead-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The lead a payload belongs to: its workflow is `lead-<id>` (an activity's too). */
function leadOf(context: SerializationContext | undefined): string | null {
  const workflowId = context?.workflowId;
  return workflowId ? (LEAD_WORKFLOW.exec(workflowId)?.[1] ?? null) : null;
}

/**
 * Encrypts every payload Temporal stores or carries — workflow and activity inputs and results,
 * signals, updates, queries, failures' details — with AES-256-GCM. A lead's payloads use the
 * lead's own key (erasure destroys it: the history stays but no one can read it); others use
 * the keyring's current key. The key id travels in the payload's metadata, so a rotated keyring
 * and the codec endpoint (Temporal Web UI) open old payloads too.
 */
export class LeadflowPayloadCodec implements PayloadCodec {
  constructor(
    private readonly keyring: Keyring,
    /** The leads' keys; shared with whatever erases leads in this process, so an erasure takes effect here at once. */
    readonly leadKeys: LeadKeys | null,
  ) {}

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    const leadId = leadOf(context);
    const { keyId, key } =
      leadId && this.leadKeys
        ? { keyId: `lead/${leadId}`, key: await this.leadKeys.keyFor(leadId) }
        : { keyId: `ring/${this.keyring.current.id}`, key: this.keyring.current.key };
    return payloads.map((payload) => ({
      metadata: {
        encoding: text.encode(ENCODING),
        'encryption-key-id': text.encode(keyId),
        'encryption-cipher': text.encode('AES-256-GCM'),
      },
      data: encrypt(key, Buffer.from(temporal.api.common.v1.Payload.encode(payload).finish())),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(
      payloads.map(async (payload) => {
        if (!payload.metadata || readText.decode(payload.metadata.encoding) !== ENCODING) return payload;
        const keyId = readText.decode(payload.metadata['encryption-key-id']);
        if (!payload.data) throw new ValueError('an encrypted payload without data');
        const key = await this.keyOf(keyId);
        return temporal.api.common.v1.Payload.decode(decrypt(key, Buffer.from(payload.data)));
      }),
    );
  }

  private async keyOf(keyId: string): Promise<Buffer> {
    const [kind, id = ''] = keyId.split('/');
    if (kind === 'ring') {
      const key = this.keyring.get(id);
      if (!key) throw new ValueError(`payload sealed with key '${id}', which LEADFLOW_SECRET_KEY no longer holds`);
      return key.key;
    }
    const key = kind === 'lead' && this.leadKeys ? await this.leadKeys.find(id) : undefined;
    if (!key)
      throw new ValueError(`payload of lead '${id}' cannot be read: the lead was erased (its key is destroyed)`);
    return key;
  }
}
