// What the cart costs with the code typed so far: asked of the server (the same rules as the
// sale) a moment after typing stops, so the desk sees a pass's coverage or a discount before
// taking the money. Nothing is asked until the code looks complete.
import { useEffect, useMemo, useState } from 'react';
import type { QuoteDto } from '../../common/api/memberships.ts';
import { api } from '../api/client.ts';
import { isCardCode } from './codes.ts';

const CARD_CODE = /^OZ-[A-Z0-9]{8}$/;
const WAIT_MS = 300;

export interface CartItem {
  category: string;
  quantity: number;
}

/** Tickets by price category, merged (the quote's input). */
export function cartItems(items: readonly CartItem[]): CartItem[] {
  const by = new Map<string, number>();
  for (const i of items) if (i.quantity > 0) by.set(i.category, (by.get(i.category) ?? 0) + i.quantity);
  return [...by].map(([category, quantity]) => ({ category, quantity }));
}

export function useQuote(
  hubSlug: string,
  performanceId: string,
  items: readonly CartItem[],
  rawCode: string,
): { quote: QuoteDto | undefined; error: unknown; checking: boolean } {
  const [state, setState] = useState<{ key: string; quote?: QuoteDto; error?: unknown }>({ key: '' });
  const code = rawCode.trim();
  const card = isCardCode(code);
  const complete = card ? CARD_CODE.test(code.toUpperCase()) : code.length >= 3;
  const body = useMemo(
    () =>
      complete && items.length > 0
        ? {
            items: cartItems(items),
            ...(card ? { membershipCode: code.toUpperCase() } : { promoCode: code }),
          }
        : undefined,
    [complete, items, card, code],
  );
  const key = body ? `${performanceId}:${JSON.stringify(body)}` : '';

  useEffect(() => {
    if (!body) return;
    let live = true;
    const timer = setTimeout(() => {
      api<QuoteDto>(
        'POST',
        `/hubs/${encodeURIComponent(hubSlug)}/performances/${encodeURIComponent(performanceId)}/quote`,
        body,
      ).then(
        (quote) => live && setState({ key, quote }),
        (error: unknown) => live && setState({ key, error }),
      );
    }, WAIT_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [hubSlug, performanceId, body, key]);

  // An answer for another cart or code is no answer.
  const current = key !== '' && state.key === key;
  return {
    quote: current ? state.quote : undefined,
    error: current ? state.error : undefined,
    checking: key !== '' && !current,
  };
}
