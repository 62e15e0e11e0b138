// Each hub signs its tickets with an Ed25519 key derived from the server secret, so every app
// process has the same key without storing it. (Changing SECRET re-keys: old QR codes stop verifying.)
import { createHmac, createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';
import { encodeClaims, joinToken, type TicketClaims } from '../../../common/ticket-token.ts';

// DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows it.
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface TicketSigner {
  token(claims: TicketClaims): string;
  publicKey(hubId: string): string;
}

export function createTicketSigner(secret: string): TicketSigner {
  const keys = new Map<string, KeyObject>();
  const keyOf = (hubId: string) => {
    let key = keys.get(hubId);
    if (!key) {
      const seed = createHmac('sha256', secret).update(`ticket-signing:${hubId}`).digest();
      key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
      keys.set(hubId, key);
    }
    return key;
  };
  // Ed25519 signatures are deterministic, and an order's tickets are signed several times in a
  // row (the answer, the receipt, the mail): the latest few thousand are kept.
  const recent = new Map<string, string>();
  return {
    token(claims) {
      const encoded = encodeClaims(claims);
      let token = recent.get(encoded);
      if (!token) {
        token = joinToken(encoded, sign(null, Buffer.from(encoded), keyOf(claims.h)));
        if (recent.size >= 4096) recent.delete(recent.keys().next().value ?? '');
        recent.set(encoded, token);
      }
      return token;
    },
    publicKey(hubId) {
      const jwk = createPublicKey(keyOf(hubId)).export({ format: 'jwk' });
      return jwk.x ?? '';
    },
  };
}
