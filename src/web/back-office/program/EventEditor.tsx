import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { AGE_RATINGS, EVENT_KINDS, type EventDetailDto, type EventDto } from '../../../common/api/program.ts';
import { localize } from '../../../common/content.ts';
import { formatDateTime } from '../../../common/format.ts';
import { ApiError, api } from '../../api/client.ts';
import { useApi } from '../../api/useApi.ts';
import { Field } from '../../components/Field.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { draftOf, isBlank, LocalizedFields, textOf } from '../../components/LocalizedFields.tsx';
import { ErrorNote, Loading, Notice } from '../../components/Status.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';
import { useForm } from '../../components/useForm.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useI18n } from '../../i18n/locale.tsx';
import { NotFound } from '../../pages/NotFound.tsx';
import { availabilityKey, availabilityOf, hubPath } from '../../program/shared.ts';
import { useBackOffice } from '../context.ts';
import { PerformanceForm } from './PerformanceForm.tsx';

const LANGS = ['kk', 'ru', 'en'] as const;
type Lang = (typeof LANGS)[number];

export function EventNew() {
  const { locale, t } = useI18n();
  const { hub } = useBackOffice();
  usePageTitle(`${t('program.bo.newEvent')} · ${localize(hub.name, locale)}`);
  const navigate = useNavigate();
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/back-office/${hub.slug}/program`}>{t('program.bo.nav')}</Link>
      </p>
      <h1>{t('program.bo.newEvent')}</h1>
      <EventForm
        onSaved={(e) =>
          navigate(`/back-office/${hub.slug}/program/events/${e.slug}`, { state: { created: true } })
        }
      />
    </>
  );
}

export function EventEdit() {
  const { eventSlug = '' } = useParams();
  const { locale, t } = useI18n();
  const { hub } = useBackOffice();
  const event = useApi<EventDetailDto>(`${hubPath(hub.slug)}/events/${encodeURIComponent(eventSlug)}`);
  const e = event.data;
  usePageTitle(e ? `${localize(e.title, locale)} · ${t('program.bo.nav')}` : undefined);
  if (event.error instanceof ApiError && event.error.status === 404) return <NotFound />;
  if (event.error) return <ErrorNote error={event.error} onRetry={event.reload} />;
  if (!e) return <Loading />;
  const base = `/back-office/${hub.slug}/program`;
  return (
    <>
      <p className="breadcrumb">
        <Link to={base}>{t('program.bo.nav')}</Link>
      </p>
      <h1>{localize(e.title, locale) || e.slug}</h1>
      <p>
        <span className={`status-tag status-${e.status}`} data-testid="event-status">
          {t(`program.bo.status.${e.status}`)}
        </span>{' '}
        <Link to={`/${hub.slug}/events/${e.slug}`}>{t('program.bo.event.publicPage')}</Link>
      </p>

      <section aria-labelledby="dates-title">
        <h2 id="dates-title">{t('program.bo.perf.title')}</h2>
        {e.performances.length === 0 ? (
          <p>{t('program.bo.perf.none')}</p>
        ) : (
          <TableWrap label={t('program.bo.perf.title')}>
            <table data-testid="bo-performances">
              <thead>
                <tr>
                  <th scope="col">{t('program.bo.perf.when')}</th>
                  <th scope="col">{t('program.bo.perf.space')}</th>
                  <th scope="col">{t('program.bo.perf.capacity')}</th>
                  <th scope="col">{t('program.bo.col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {e.performances.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`${base}/performances/${p.id}`} data-testid="bo-performance-link">
                        {formatDateTime(new Date(p.startsAt), locale, hub.timeZone)}
                      </Link>
                    </td>
                    <td>{localize(p.spaceName, locale)}</td>
                    <td>
                      {p.seatCount > 0 &&
                        t('program.bo.perf.seatsLeft', { count: p.seatsAvailable, total: p.seatCount })}
                      {p.areas.map((a) => (
                        <span key={a.id} className="nowrap">
                          {' '}
                          · {localize(a.name, locale)}: {a.available}/{a.capacity}
                        </span>
                      ))}
                    </td>
                    <td>{t(availabilityKey(availabilityOf(p)))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <details className="bo-add" data-testid="add-performance">
          <summary>{t('program.bo.perf.add')}</summary>
          <PerformanceForm eventSlug={e.slug} onCreated={event.reload} />
        </details>
      </section>

      <section aria-labelledby="edit-title">
        <h2 id="edit-title">{t('program.bo.event.edit')}</h2>
        <EventForm event={e} onSaved={() => event.reload()} />
      </section>
    </>
  );
}

function EventForm({ event, onSaved }: { event?: EventDto; onSaved: (e: EventDto) => void }) {
  const { locale, t } = useI18n();
  const { hub } = useBackOffice();
  const [slug, setSlug] = useState(event?.slug ?? '');
  const [kind, setKind] = useState<string>(event?.kind ?? 'theater');
  const [title, setTitle] = useState(() => draftOf(event?.title));
  const [description, setDescription] = useState(() => draftOf(event?.description));
  const [ageRating, setAgeRating] = useState(event?.ageRating ?? '0+');
  const [languages, setLanguages] = useState<Lang[]>(
    (event?.languages.filter((l): l is Lang => (LANGS as readonly string[]).includes(l)) ?? ['kk']) as Lang[],
  );
  const [imageUrl, setImageUrl] = useState(event?.imageUrl ?? '');
  const [status, setStatus] = useState<string>(event?.status ?? 'draft');
  const [saved, setSaved] = useState<string>();
  const form = useForm<'slug' | 'title' | 'imageUrl'>();

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setSaved(undefined);
    await form.submit(
      {
        slug: event
          ? undefined
          : /^[a-z0-9][a-z0-9-]{0,80}$/.test(slug)
            ? undefined
            : { key: 'validation.slug' },
        title: isBlank(title) ? { key: 'validation.oneLanguage' } : undefined,
        imageUrl:
          imageUrl.trim() && !/^(https?:\/\/|\/)/.test(imageUrl.trim())
            ? { key: 'validation.invalid' }
            : undefined,
      },
      async () => {
        const body = {
          kind,
          title: textOf(title, event?.title),
          description: textOf(description, event?.description),
          ageRating,
          languages,
          ...(imageUrl.trim() ? { imageUrl: imageUrl.trim() } : {}),
          status,
        };
        const result = event
          ? await api<EventDto>('PATCH', `${hubPath(hub.slug)}/events/${event.slug}`, body)
          : await api<EventDto>('POST', `${hubPath(hub.slug)}/events`, { slug, ...body });
        setSaved(localize(result.title, locale));
        onSaved(result);
      },
    );
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="event-form">
      <FormAlert error={form.error} hasFieldErrors={form.hasFieldErrors} />
      {saved && <Notice>{t('program.bo.event.saved', { title: saved })}</Notice>}
      {!event && (
        <Field
          label={t('program.bo.event.slug')}
          name="slug"
          hint={t('program.bo.event.slugHint', { example: `/${hub.slug}/events/qyz-zhibek` })}
          value={slug}
          onChange={setSlug}
          required
          maxLength={81}
          error={form.fieldError('slug')}
        />
      )}
      <div className="form-row">
        <div className="field">
          <label htmlFor="event-kind">{t('program.bo.event.kind')}</label>
          <select id="event-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`program.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="event-age">{t('program.event.age')}</label>
          <select
            id="event-age"
            name="ageRating"
            value={ageRating}
            onChange={(e) => setAgeRating(e.target.value)}
          >
            {AGE_RATINGS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="event-status">{t('program.bo.col.status')}</label>
          <select id="event-status" name="status" value={status} onChange={(e) => setStatus(e.target.value)}>
            {(event ? (['draft', 'published', 'cancelled'] as const) : (['draft', 'published'] as const)).map(
              (s) => (
                <option key={s} value={s}>
                  {t(`program.bo.status.${s}`)}
                </option>
              ),
            )}
          </select>
        </div>
      </div>
      <LocalizedFields
        legend={t('program.bo.event.title')}
        name="title"
        maxLength={200}
        value={title}
        onChange={setTitle}
        error={form.fieldError('title')}
      />
      <LocalizedFields
        legend={t('program.bo.event.description')}
        name="description"
        multiline
        maxLength={10000}
        value={description}
        onChange={setDescription}
        optional
      />
      <fieldset>
        <legend>{t('program.event.languages')}</legend>
        {LANGS.map((l) => (
          <label key={l} className="check">
            <input
              type="checkbox"
              name={`lang-${l}`}
              checked={languages.includes(l)}
              onChange={(e) =>
                setLanguages((cur) => (e.target.checked ? [...cur, l] : cur.filter((x) => x !== l)))
              }
            />
            {t(`program.lang.${l}`)}
          </label>
        ))}
      </fieldset>
      <Field
        label={t('program.bo.event.imageUrl')}
        name="imageUrl"
        hint={t('program.bo.event.imageHint')}
        value={imageUrl}
        onChange={setImageUrl}
        maxLength={500}
        error={form.fieldError('imageUrl')}
      />
      <button type="submit" className="button" disabled={form.busy} data-testid="event-submit">
        {form.busy ? t('common.saving') : event ? t('common.save') : t('program.bo.event.create')}
      </button>
    </form>
  );
}
