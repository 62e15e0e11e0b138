// The payload of a ticket's QR code: "OZT1.<claims>.<signature>", both base64url. The claims
// are compact JSON; the signature is Ed25519 by the hub's ticket key, so a scanner holding
// only the hub's public key verifies a ticket offline (WebCrypto in the browser and in Node).

export interface TicketClaims {
  /** ticket id */
  t: string;
  /** performance id */
  p: string;
  /** seat id, or null for general admission */
  s: string | null;
  /** hub id */
  h: string;
  /** order number, for the person at the door */
  n: number;
}

const PREFIX = 'OZT1';

export function base64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The bytes that get signed. */
export function encodeClaims(claims: TicketClaims): string {
  return base64url(new TextEncoder().encode(JSON.stringify(claims)));
}

export function joinToken(encodedClaims: string, signature: Uint8Array): string {
  return `${PREFIX}.${encodedClaims}.${base64url(signature)}`;
}

export type TokenCheck =
  | { ok: true; claims: TicketClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' };

function parse(
  token: string,
): { claims: TicketClaims; encoded: string; signature: Uint8Array<ArrayBuffer> } | undefined {
  const [prefix, encoded, sig] = token.trim().split('.');
  if (prefix !== PREFIX || !encoded || !sig) return undefined;
  try {
    const claims = JSON.parse(new TextDecoder().decode(fromBase64url(encoded))) as TicketClaims;
    if (typeof claims.t !== 'string' || typeof claims.p !== 'string' || typeof claims.h !== 'string')
      return undefined;
    return { claims, encoded, signature: fromBase64url(sig) };
  } catch {
    return undefined;
  }
}

/** Verifies a scanned token against the hub's raw Ed25519 public key (base64url). */
export async function verifyTicketToken(token: string, publicKeyB64: string): Promise<TokenCheck> {
  const parsed = parse(token);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const key = await crypto.subtle.importKey('raw', fromBase64url(publicKeyB64), { name: 'Ed25519' }, false, [
    'verify',
  ]);
  const valid = await crypto.subtle.verify(
    'Ed25519',
    key,
    parsed.signature,
    new TextEncoder().encode(parsed.encoded),
  );
  return valid ? { ok: true, claims: parsed.claims } : { ok: false, reason: 'bad_signature' };
}
