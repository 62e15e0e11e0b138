import { describe, expect, it } from 'vitest';
import { verifyTicketToken } from '../../../common/ticket-token.ts';
import { createTicketSigner } from './ticket-signing.ts';

const claims = { t: 'ticket-1', p: 'perf-1', s: 'stalls-A-5', h: 'hub-1', n: 1042 };

describe('signed ticket QR payloads', () => {
  const signer = createTicketSigner('a test secret that is long enough');

  it('verifies offline with only the hub public key', async () => {
    const token = signer.token(claims);
    expect(token).toMatch(/^OZT1\.[\w-]+\.[\w-]+$/);
    expect(await verifyTicketToken(token, signer.publicKey('hub-1'))).toEqual({ ok: true, claims });
  });

  it('rejects a forged, altered or foreign token', async () => {
    const token = signer.token(claims);
    const [prefix, body, sig] = token.split('.');
    const altered = `${prefix}.${Buffer.from(JSON.stringify({ ...claims, s: 'stalls-A-6' })).toString('base64url')}.${sig}`;
    expect(await verifyTicketToken(altered, signer.publicKey('hub-1'))).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(await verifyTicketToken(token, signer.publicKey('hub-2'))).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    const other = createTicketSigner('another secret entirely, also long');
    expect(await verifyTicketToken(other.token(claims), signer.publicKey('hub-1'))).toMatchObject({
      ok: false,
    });
    expect(await verifyTicketToken('hello', signer.publicKey('hub-1'))).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(await verifyTicketToken(`${prefix}.${body}`, signer.publicKey('hub-1'))).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('derives the same key in every process from the same secret', () => {
    expect(createTicketSigner('a test secret that is long enough').publicKey('hub-1')).toBe(
      signer.publicKey('hub-1'),
    );
    expect(signer.token(claims)).toBe(createTicketSigner('a test secret that is long enough').token(claims));
  });
});
