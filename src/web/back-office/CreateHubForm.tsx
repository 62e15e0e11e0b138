import { useId, useState } from 'react';
import type { HubDto } from '../../common/api/schemas.ts';
import { localize } from '../../common/content.ts';
import { api } from '../api/client.ts';
import { Field } from '../components/Field.tsx';
import { FormAlert } from '../components/FormAlert.tsx';
import { draftOf, isBlank, LocalizedFields, textOf } from '../components/LocalizedFields.tsx';
import { useForm } from '../components/useForm.ts';
import { useI18n } from '../i18n/locale.tsx';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
// Kazakhstan's IANA zones; since March 2024 all of them keep UTC+5.
export const KZ_TIME_ZONES = [
  'Asia/Almaty',
  'Asia/Qostanay',
  'Asia/Qyzylorda',
  'Asia/Aqtobe',
  'Asia/Aqtau',
  'Asia/Atyrau',
  'Asia/Oral',
];

export function CreateHubForm({ onCreated }: { onCreated: (name: string) => void }) {
  const { locale, t } = useI18n();
  const tzId = useId();
  const [slug, setSlug] = useState('');
  const [name, setName] = useState(() => draftOf(undefined));
  const [city, setCity] = useState(() => draftOf(undefined));
  const [description, setDescription] = useState(() => draftOf(undefined));
  const [timeZone, setTimeZone] = useState('Asia/Almaty');
  const form = useForm<'slug' | 'name' | 'city'>();

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const checks = {
      slug: SLUG.test(slug) ? undefined : ({ key: 'validation.slug' } as const),
      name: isBlank(name) ? ({ key: 'validation.oneLanguage' } as const) : undefined,
      city: isBlank(city) ? ({ key: 'validation.oneLanguage' } as const) : undefined,
    };
    await form.submit(checks, async () => {
      const hub = await api<HubDto>('POST', '/hubs', {
        slug,
        name: textOf(name),
        city: textOf(city),
        ...(isBlank(description) ? {} : { description: textOf(description) }),
        timeZone,
      });
      setSlug('');
      setName(draftOf(undefined));
      setCity(draftOf(undefined));
      setDescription(draftOf(undefined));
      onCreated(localize(hub.name, locale));
    });
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="create-hub-form">
      <FormAlert error={form.error} hasFieldErrors={form.hasFieldErrors} />
      <Field
        label={t('bo.hubs.slug')}
        name="slug"
        required
        maxLength={63}
        hint={t('bo.hubs.slugHint', { example: slug || 'karaganda' })}
        value={slug}
        onChange={(v) => setSlug(v.toLowerCase())}
        error={form.fieldError('slug')}
      />
      <LocalizedFields
        legend={t('bo.hubs.name')}
        name="name"
        maxLength={200}
        value={name}
        onChange={setName}
        error={form.fieldError('name')}
      />
      <LocalizedFields
        legend={t('bo.hubs.city')}
        name="city"
        maxLength={200}
        value={city}
        onChange={setCity}
        error={form.fieldError('city')}
      />
      <LocalizedFields
        legend={t('bo.spaces.description')}
        optional
        name="description"
        multiline
        maxLength={5000}
        value={description}
        onChange={setDescription}
      />
      <div className="field">
        <label htmlFor={tzId}>{t('bo.hubs.timeZone')}</label>
        <select id={tzId} name="timeZone" value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
          {KZ_TIME_ZONES.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={form.busy}>
        {t('bo.hubs.submit')}
      </button>
    </form>
  );
}
