// What a door scanner decides on its own, with no network: the ticket's signature checked
// against the hub's public key, then the door list (refunds, who is inside) and this
// device's own scans. The server decides again when the scans sync, across all devices.
import type { SectionDto } from '../../common/api/program.ts';
import { type TicketClaims, verifyTicketToken } from '../../common/ticket-token.ts';

export const VERDICTS = [
  'valid',
  'already_used',
  'wrong_event',
  'refunded',
  'exchanged',
  'forged',
  'not_inside',
] as const;
export type Verdict = (typeof VERDICTS)[number];
export type Direction = 'in' | 'out';

export interface DoorTicket {
  id: string;
  seatId: string | null;
  status: 'valid' | 'refunded' | 'exchanged';
  inside: boolean;
  /** when this ticket first came in, as far as this device knows */
  firstEntryAt: string | null;
}

/** A performance's door list as kept on the device. */
export interface DoorList {
  performanceId: string;
  hubSlug: string;
  publicKey: string;
  title: Record<string, string>;
  startsAt: string;
  /** the performance's seat sections, to name a seat (absent in lists kept by older versions) */
  sections?: SectionDto[];
  tickets: Record<string, DoorTicket>;
  fetchedAt: string;
}

export interface ServerVerdict {
  verdict: Verdict;
  firstEntryAt: string | null;
  duplicate: boolean;
}

export interface Scan {
  id: string;
  performanceId: string;
  token: string;
  direction: Direction;
  scannedAt: string;
  deviceId: string;
  ticketId: string | null;
  seatId: string | null;
  orderNumber: number | null;
  local: Verdict;
  /** for already_used: when the ticket came in first */
  firstEntryAt: string | null;
  synced: boolean;
  server?: ServerVerdict;
}

export interface Decision {
  verdict: Verdict;
  claims: TicketClaims | undefined;
  firstEntryAt: string | null;
}

/** Decides one scan against the list. Pure apart from the signature check; does not change the list. */
export async function decide(list: DoorList, token: string, direction: Direction): Promise<Decision> {
  let check: Awaited<ReturnType<typeof verifyTicketToken>>;
  try {
    check = await verifyTicketToken(token, list.publicKey);
  } catch {
    check = { ok: false, reason: 'malformed' };
  }
  if (!check.ok) return { verdict: 'forged', claims: undefined, firstEntryAt: null };
  const claims = check.claims;
  if (claims.p !== list.performanceId) return { verdict: 'wrong_event', claims, firstEntryAt: null };
  const ticket = list.tickets[claims.t];
  if (ticket?.status === 'refunded') return { verdict: 'refunded', claims, firstEntryAt: null };
  if (ticket?.status === 'exchanged') return { verdict: 'exchanged', claims, firstEntryAt: null };
  // A ticket missing from the list was sold after it was downloaded: its signature vouches for it.
  const inside = ticket?.inside ?? false;
  const firstEntryAt = ticket?.firstEntryAt ?? null;
  if (direction === 'in' && inside) return { verdict: 'already_used', claims, firstEntryAt };
  if (direction === 'out' && !inside) return { verdict: 'not_inside', claims, firstEntryAt };
  return { verdict: 'valid', claims, firstEntryAt };
}

/** The list after a scan this device let through (or turned back: nothing changes then). */
export function applyScan(
  list: DoorList,
  scan: Pick<Scan, 'ticketId' | 'seatId' | 'direction' | 'scannedAt'>,
  verdict: Verdict,
): DoorList {
  if (verdict !== 'valid' || !scan.ticketId) return list;
  const prev: DoorTicket = list.tickets[scan.ticketId] ?? {
    id: scan.ticketId,
    seatId: scan.seatId,
    status: 'valid',
    inside: false,
    firstEntryAt: null,
  };
  const next: DoorTicket =
    scan.direction === 'in'
      ? { ...prev, inside: true, firstEntryAt: prev.firstEntryAt ?? scan.scannedAt }
      : { ...prev, inside: false };
  return { ...list, tickets: { ...list.tickets, [scan.ticketId]: next } };
}

/**
 * A freshly downloaded list with this device's knowledge laid over it: first-entry times it
 * had, and the scans the server has not seen yet, replayed in the order they happened.
 */
export function mergeList(fresh: DoorList, old: DoorList | undefined, unsynced: readonly Scan[]): DoorList {
  const tickets: Record<string, DoorTicket> = {};
  for (const [id, t] of Object.entries(fresh.tickets)) {
    tickets[id] = { ...t, firstEntryAt: t.firstEntryAt ?? old?.tickets[id]?.firstEntryAt ?? null };
  }
  let list: DoorList = { ...fresh, tickets };
  for (const s of [...unsynced].sort((a, b) => a.scannedAt.localeCompare(b.scannedAt))) {
    list = applyScan(list, s, s.local);
  }
  return list;
}
