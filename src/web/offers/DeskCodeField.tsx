// The desk's "card or promo code" field, by the payment buttons. A membership card's code is
// looked up as it is typed, so the cashier sees whose card it is, what is left on it, and what
// proof to ask for.
import { useEffect, useId, useState } from 'react';
import { localize } from '../../common/content.ts';
import { formatDate } from '../../common/format.ts';
import { ApiError, get } from '../api/client.ts';
import { problemMessageKey } from '../api/problems.ts';
import { useI18n } from '../i18n/locale.tsx';
import { isCardCode, isOfferCodeProblem } from './codes.ts';
import type { MembershipDto } from './types.ts';
import './offers.css';

const CARD_CODE = /^OZ-[A-Z0-9]{8}$/;

export function DeskCodeField({
  hubSlug,
  timeZone,
  value,
  onChange,
  error,
  disabled,
}: {
  hubSlug: string;
  timeZone: string;
  value: string;
  onChange: (value: string) => void;
  /** the sale's last error; marks the field when it is about the code */
  error?: unknown;
  disabled?: boolean;
}) {
  const { locale, t } = useI18n();
  const id = useId();
  const [card, setCard] = useState<MembershipDto | 'unknown' | undefined>(undefined);
  const code = value.trim().toUpperCase();

  useEffect(() => {
    setCard(undefined);
    if (!CARD_CODE.test(code)) return;
    let live = true;
    const timer = setTimeout(() => {
      get<MembershipDto>(`/hubs/${encodeURIComponent(hubSlug)}/memberships/${encodeURIComponent(code)}`).then(
        (m) => live && setCard(m),
        (e: unknown) => live && e instanceof ApiError && e.status === 404 && setCard('unknown'),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [code, hubSlug]);

  const codeError = isOfferCodeProblem(error) ? t(problemMessageKey(error)) : undefined;
  const expired = card && card !== 'unknown' && new Date(card.validUntil).getTime() < Date.now();
  const describedBy = [`${id}-hint`, codeError ? `${id}-error` : '', card ? `${id}-card` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`field desk-code${codeError ? ' field-invalid' : ''}`} data-testid="desk-code">
      <label htmlFor={id}>
        {t('offers.code.label')} <span className="optional">{t('common.optional')}</span>
      </label>
      <p className="field-hint" id={`${id}-hint`}>
        {t('offers.code.hint')}
      </p>
      <input
        id={id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        maxLength={40}
        value={value}
        disabled={disabled}
        aria-invalid={codeError ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
        data-testid="desk-code-input"
      />
      {codeError && (
        <p className="field-error" id={`${id}-error`}>
          {codeError}
        </p>
      )}
      {isCardCode(code) && card && (
        <p
          className={`desk-card-info${card === 'unknown' || expired ? ' desk-card-bad' : ''}`}
          id={`${id}-card`}
          role="status"
          data-testid="desk-card-info"
        >
          {card === 'unknown'
            ? t('problem.membership_invalid')
            : [
                `${card.holderName} · ${localize(card.plan.name, locale)}`,
                card.entriesLeft !== null ? t('offers.card.entriesLeft', { count: card.entriesLeft }) : '',
                t('offers.card.validUntil', {
                  date: formatDate(new Date(card.validUntil), locale, timeZone),
                }),
                card.status === 'cancelled' ? t('offers.card.cancelled') : '',
              ]
                .filter(Boolean)
                .join(' · ')}
        </p>
      )}
    </div>
  );
}
