// "Join the waiting list" on a sold-out date: an email to be told at and how many places.
import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import type { PerformanceDto } from '../../common/api/program.ts';
import { api } from '../api/client.ts';
import { Field } from '../components/Field.tsx';
import { FormAlert } from '../components/FormAlert.tsx';
import { useForm } from '../components/useForm.ts';
import { checkEmail } from '../components/validate.ts';
import { useI18n } from '../i18n/locale.tsx';
import { useSession } from '../session/session.tsx';
import { joinedWaitlist, rememberWaitlist } from './storage.ts';
import type { WaitlistEntryDto, WaitlistJoinedDto } from './types.ts';
import './offers.css';

export function WaitlistJoin({ hubSlug, performance }: { hubSlug: string; performance: PerformanceDto }) {
  const { locale, t } = useI18n();
  const { user } = useSession();
  const [email, setEmail] = useState(user?.email ?? '');
  const [quantity, setQuantity] = useState(1);
  const [entry, setEntry] = useState<WaitlistEntryDto | undefined>(undefined);
  const [entryKey, setEntryKey] = useState<string | undefined>(undefined);
  const form = useForm<'email' | 'quantity'>();
  const qtyId = useId();
  const base = `/hubs/${encodeURIComponent(hubSlug)}`;

  useEffect(() => {
    if (user) setEmail((e) => e || user.email);
  }, [user]);

  // A place joined earlier from this browser is shown again while it is still waiting.
  useEffect(() => {
    const place = joinedWaitlist(performance.id);
    if (!place) return;
    let live = true;
    api<WaitlistEntryDto>('GET', `${base}/waitlist/${place.id}`).then(
      (e) => {
        if (!live) return;
        if (e.status === 'waiting' || e.status === 'offered') {
          setEntry(e);
          setEntryKey(place.key);
        } else rememberWaitlist(performance.id, undefined);
      },
      () => rememberWaitlist(performance.id, undefined),
    );
    return () => {
      live = false;
    };
  }, [base, performance.id]);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (form.busy) return;
    await form.submit({ email: checkEmail(email) }, async () => {
      const joined = await api<WaitlistJoinedDto>('POST', `${base}/performances/${performance.id}/waitlist`, {
        email: email.trim(),
        ...(user?.name ? { name: user.name } : {}),
        quantity,
        locale,
      });
      rememberWaitlist(performance.id, { id: joined.id, key: joined.key });
      setEntry(joined);
      setEntryKey(joined.key);
    });
  }

  // The key in the link lets whoever joined leave the list from the status page.
  const statusLink = entry
    ? `/${hubSlug}/waitlist/${entry.id}${entryKey ? `?key=${encodeURIComponent(entryKey)}` : ''}`
    : '';
  return (
    <section
      className="waitlist-join"
      aria-labelledby="waitlist-title"
      data-testid="waitlist-join"
      id="waitlist"
    >
      <h2 id="waitlist-title">{t('offers.waitlist.title')}</h2>
      {entry ? (
        <div className="alert alert-success" role="status" data-testid="waitlist-joined">
          <p>
            {entry.status === 'offered'
              ? t('offers.waitlist.offeredShort')
              : t('offers.waitlist.position', { count: entry.position ?? 1 })}
          </p>
          <p>
            {t('offers.waitlist.joinedHint', { email: entry.email })}{' '}
            <Link to={statusLink} data-testid="waitlist-status-link">
              {t('offers.waitlist.statusLink')}
            </Link>
          </p>
        </div>
      ) : (
        <form className="form" onSubmit={onSubmit} noValidate data-testid="waitlist-form">
          <p>{t('offers.waitlist.intro')}</p>
          <FormAlert error={form.error} hasFieldErrors={form.hasFieldErrors} />
          <Field
            label={t('offers.waitlist.email')}
            name="waitlistEmail"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={setEmail}
            error={form.fieldError('email')}
          />
          <div className="field">
            <label htmlFor={qtyId}>{t('offers.waitlist.quantity')}</label>
            <input
              id={qtyId}
              name="waitlistQuantity"
              type="number"
              inputMode="numeric"
              min={1}
              max={10}
              value={quantity}
              onChange={(e) =>
                setQuantity(Math.max(1, Math.min(10, Math.floor(Number(e.target.value) || 1))))
              }
            />
          </div>
          <button type="submit" className="button" disabled={form.busy} data-testid="waitlist-submit">
            {form.busy ? t('offers.waitlist.joining') : t('offers.waitlist.join')}
          </button>
        </form>
      )}
    </section>
  );
}
