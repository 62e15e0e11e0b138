// What the offers API answers: promo codes, membership plans and cards, places in a waiting list.
import type { FiscalReceiptDto } from '../../common/api/reports.ts';
import type { LocalizedTextDto } from '../../common/api/schemas.ts';

export type PromoKind = 'amount' | 'percent' | 'free_ticket';

export interface PromoCodeDto {
  id: string;
  code: string;
  kind: PromoKind;
  amountTiyn: number | null;
  percent: number | null;
  maxUses: number | null;
  uses: number;
  eventId: string | null;
  validUntil: string | null;
  active: boolean;
}

export type PlanKind = 'pass' | 'discount';

export interface MembershipPlanDto {
  id: string;
  slug: string;
  name: LocalizedTextDto;
  kind: PlanKind;
  entries: number | null;
  discountPercent: number | null;
  validDays: number;
  priceTiyn: number;
  proof: LocalizedTextDto | null;
  active: boolean;
}

export interface MembershipDto {
  id: string;
  code: string;
  plan: { slug: string; name: LocalizedTextDto; kind: PlanKind };
  holderName: string;
  holderEmail: string | null;
  validFrom: string;
  validUntil: string;
  entriesLeft: number | null;
  priceTiyn: number;
  vatTiyn: number;
  paymentMethod: string;
  status: 'active' | 'cancelled';
  /** the card's fiscal receipts, in the desk sale's answer */
  fiscal?: FiscalReceiptDto[];
}

export type WaitlistStatus = 'waiting' | 'offered' | 'fulfilled' | 'expired' | 'cancelled';

export interface WaitlistEntryDto {
  id: string;
  performanceId: string;
  email: string;
  quantity: number;
  status: WaitlistStatus;
  holdId: string | null;
  offerExpiresAt: string | null;
  position: number | null;
  /** whether this visitor may take the place off the list */
  mayLeave: boolean;
}

/** Joining also gives the entry's key: with it, whoever joined may leave without an account. */
export interface WaitlistJoinedDto extends WaitlistEntryDto {
  key: string;
}

/** The places of a waiting-list offer, taken to check out with. */
export interface WaitlistClaimDto {
  holdId: string;
  performanceId: string;
  email: string;
}
