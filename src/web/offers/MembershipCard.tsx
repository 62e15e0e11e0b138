// A membership card as its holder sees it: the code to type or say, what it still gives, until
// when, and what the door asks to see.
import type { LocalizedTextDto } from '../../common/api/schemas.ts';
import { localize } from '../../common/content.ts';
import { formatDate } from '../../common/format.ts';
import { useI18n } from '../i18n/locale.tsx';
import type { MembershipDto } from './types.ts';
import './offers.css';

export type CardState = 'active' | 'expired' | 'cancelled' | 'usedUp';

export function cardState(card: MembershipDto, now = Date.now()): CardState {
  if (card.status === 'cancelled') return 'cancelled';
  if (Date.parse(card.validUntil) < now) return 'expired';
  if (card.entriesLeft === 0) return 'usedUp';
  return 'active';
}

export function MembershipCard({
  card,
  timeZone,
  hubName,
  discountPercent,
  proof,
}: {
  card: MembershipDto;
  timeZone: string;
  hubName?: LocalizedTextDto | undefined;
  discountPercent: number | null;
  proof?: LocalizedTextDto | null | undefined;
}) {
  const { locale, t } = useI18n();
  const state = cardState(card);
  return (
    <article
      className={`membership-card membership-card-${state}`}
      data-testid="membership-card"
      data-state={state}
      aria-label={t('offers.card.label', { plan: localize(card.plan.name, locale) })}
    >
      <p className="membership-card-plan">
        <strong>{localize(card.plan.name, locale)}</strong>
        {hubName && <span className="muted"> · {localize(hubName, locale)}</span>}
      </p>
      <p className="membership-sold-label">{t('offers.card.code')}</p>
      <p className="membership-code" data-testid="card-code">
        {card.code}
      </p>
      <dl className="membership-facts">
        <div>
          <dt>{t('offers.desk.holder')}</dt>
          <dd>{card.holderName}</dd>
        </div>
        {card.entriesLeft !== null ? (
          <div>
            <dt>{t('offers.card.entries')}</dt>
            <dd data-testid="card-entries">{card.entriesLeft}</dd>
          </div>
        ) : (
          <div>
            <dt>{t('offers.card.discount')}</dt>
            <dd>{t('offers.promo.valuePercent', { percent: discountPercent ?? 0 })}</dd>
          </div>
        )}
        <div>
          <dt>{t('offers.desk.validUntil')}</dt>
          <dd data-testid="card-until">{formatDate(new Date(card.validUntil), locale, timeZone)}</dd>
        </div>
        {state !== 'active' && (
          <div>
            <dt>{t('offers.card.stateLabel')}</dt>
            <dd>{t(`offers.card.state.${state}`)}</dd>
          </div>
        )}
      </dl>
      {proof && <p className="muted">{t('offers.shop.proof', { proof: localize(proof, locale) })}</p>}
      {state === 'active' && <p className="muted">{t('offers.card.useHint')}</p>}
    </article>
  );
}
