// Door check-in: scans from phones, live or synced later from an offline queue. The phone
// verifies the QR signature itself; the server decides again, in scan-time order, and is the
// one that notices the same ticket let in by two devices while both were offline.
import { type TicketClaims, verifyTicketToken } from '../../../common/ticket-token.ts';
import { maybeOne, type Queryable } from '../../platform/db/db.ts';
import type { TicketSigner } from './ticket-signing.ts';

export type Verdict =
  | 'valid'
  | 'already_used'
  | 'wrong_event'
  | 'refunded'
  | 'exchanged'
  | 'forged'
  | 'not_inside';

export interface Scan {
  /** made by the device, so a re-sent scan is recognised */
  id: string;
  token: string;
  direction: 'in' | 'out';
  scannedAt: string;
  deviceId: string;
}

export interface ScanResult {
  id: string;
  verdict: Verdict;
  ticketId: string | null;
  seatId: string | null;
  orderNumber: number | null;
  /** when the ticket first went in (for "already used") */
  firstEntryAt: string | null;
  /** the result was recorded by an earlier sync of the same scan */
  duplicate: boolean;
  /** what the door must ask to see with this ticket (e.g. a student card), if anything */
  proof: Record<string, string> | null;
}

export async function recordScan(
  q: Queryable,
  hubId: string,
  performanceId: string,
  scan: Scan,
  signer: TicketSigner,
): Promise<ScanResult> {
  const earlier = await maybeOne<{ verdict: Verdict; ticketId: string | null }>(
    q,
    'select verdict, ticket_id as "ticketId" from checkins where id = $1 and hub_id = $2',
    [scan.id, hubId],
  );
  const check = await verifyTicketToken(scan.token, signer.publicKey(hubId));
  const claims: TicketClaims | null = check.ok ? check.claims : null;
  const base = {
    id: scan.id,
    ticketId: claims?.t ?? null,
    seatId: claims?.s ?? null,
    orderNumber: claims?.n ?? null,
  };
  if (earlier) return { ...base, verdict: earlier.verdict, firstEntryAt: null, duplicate: true, proof: null };

  const save = async (verdict: Verdict, ticketId: string | null, firstScanId: string | null = null) => {
    // A concurrent sync of the same scan id loses here and keeps the first verdict.
    await q.query(
      `insert into checkins (id, hub_id, performance_id, ticket_id, device_id, direction, scanned_at, verdict, first_scan_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (id) do nothing`,
      [
        scan.id,
        hubId,
        performanceId,
        ticketId,
        scan.deviceId,
        scan.direction,
        scan.scannedAt,
        verdict,
        firstScanId,
      ],
    );
  };
  if (!claims || claims.h !== hubId) {
    await save('forged', null);
    return { ...base, verdict: 'forged', firstEntryAt: null, duplicate: false, proof: null };
  }
  // Lock the ticket: two doors scanning it at the same instant are decided one after the other.
  const ticket = await maybeOne<{
    id: string;
    performanceId: string;
    status: string;
    inside: boolean;
    firstEntryAt: Date | null;
    proof: Record<string, string> | null;
  }>(
    q,
    `select id, performance_id as "performanceId", status, inside, first_entry_at as "firstEntryAt", proof
       from tickets where id = $1 and hub_id = $2 for update`,
    [claims.t, hubId],
  );
  const firstEntryAt = ticket?.firstEntryAt ? new Date(ticket.firstEntryAt).toISOString() : null;
  let verdict: Verdict;
  if (!ticket) verdict = 'forged';
  else if (ticket.performanceId !== performanceId) verdict = 'wrong_event';
  else if (ticket.status === 'exchanged') verdict = 'exchanged';
  else if (ticket.status !== 'valid') verdict = 'refunded';
  else if (scan.direction === 'in') verdict = ticket.inside ? 'already_used' : 'valid';
  else verdict = ticket.inside ? 'valid' : 'not_inside';

  let firstScanId: string | null = null;
  if (ticket && verdict === 'valid') {
    await q.query(
      `update tickets set inside = $2, first_entry_at = coalesce(first_entry_at, $3) where id = $1`,
      [ticket.id, scan.direction === 'in', scan.scannedAt],
    );
  } else if (ticket && verdict === 'already_used') {
    firstScanId =
      (
        await maybeOne<{ id: string }>(
          q,
          `select id from checkins where ticket_id = $1 and direction = 'in' and verdict = 'valid' order by scanned_at desc limit 1`,
          [ticket.id],
        )
      )?.id ?? null;
  }
  await save(verdict, ticket?.id ?? null, firstScanId);
  return {
    ...base,
    verdict,
    firstEntryAt:
      verdict === 'valid' && scan.direction === 'in' ? (firstEntryAt ?? scan.scannedAt) : firstEntryAt,
    duplicate: false,
    proof: ticket?.proof ?? null,
  };
}

export async function attendance(q: Queryable, performanceId: string) {
  const [row] = await q.query<{ sold: number; inside: number; checkedIn: number }>(
    `select count(*) filter (where status = 'valid')::int as sold,
            count(*) filter (where status = 'valid' and inside)::int as inside,
            count(*) filter (where status = 'valid' and first_entry_at is not null)::int as "checkedIn"
       from tickets where performance_id = $1`,
    [performanceId],
  );
  return row ?? { sold: 0, inside: 0, checkedIn: 0 };
}

/** What a scanner needs to work offline: the key, and the tickets with their state. */
export async function doorList(q: Queryable, performanceId: string) {
  return q.query<{
    id: string;
    seatId: string | null;
    status: 'valid' | 'refunded' | 'exchanged';
    inside: boolean;
    proof: Record<string, string> | null;
  }>(
    'select id, seat_id as "seatId", status, inside, proof from tickets where performance_id = $1 order by seat_id nulls last, id',
    [performanceId],
  );
}
