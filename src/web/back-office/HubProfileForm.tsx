// The hub as visitors see it: its name, city, description and the time zone of its times.
import { useId, useState } from 'react';
import type { HubDetailDto, HubDto } from '../../common/api/schemas.ts';
import { api } from '../api/client.ts';
import { FormAlert } from '../components/FormAlert.tsx';
import { draftOf, isBlank, LocalizedFields, textOf } from '../components/LocalizedFields.tsx';
import { Notice } from '../components/Status.tsx';
import { useForm } from '../components/useForm.ts';
import { useI18n } from '../i18n/locale.tsx';
import { KZ_TIME_ZONES } from './CreateHubForm.tsx';

export function HubProfileForm({ hub, onSaved }: { hub: HubDetailDto; onSaved: () => void }) {
  const { t } = useI18n();
  const tzId = useId();
  const [saved, setSaved] = useState(() => ({
    name: hub.name,
    city: hub.city,
    description: hub.description,
  }));
  const [name, setName] = useState(() => draftOf(hub.name));
  const [city, setCity] = useState(() => draftOf(hub.city));
  const [description, setDescription] = useState(() => draftOf(hub.description));
  const [timeZone, setTimeZone] = useState(hub.timeZone);
  const [done, setDone] = useState(false);
  const form = useForm<'name' | 'city'>();
  const zones = KZ_TIME_ZONES.includes(hub.timeZone) ? KZ_TIME_ZONES : [hub.timeZone, ...KZ_TIME_ZONES];

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setDone(false);
    const checks = {
      name: isBlank(name) ? ({ key: 'validation.oneLanguage' } as const) : undefined,
      city: isBlank(city) ? ({ key: 'validation.oneLanguage' } as const) : undefined,
    };
    await form.submit(checks, async () => {
      const updated = await api<HubDto>('PATCH', `/hubs/${hub.slug}`, {
        name: textOf(name, saved.name),
        city: textOf(city, saved.city),
        description: textOf(description, saved.description),
        timeZone,
      });
      setSaved({ name: updated.name, city: updated.city, description: updated.description });
      setName(draftOf(updated.name));
      setCity(draftOf(updated.city));
      setDescription(draftOf(updated.description));
      setDone(true);
      onSaved();
    });
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="hub-profile-form">
      <FormAlert error={form.error} hasFieldErrors={form.hasFieldErrors} />
      {done && <Notice>{t('bo.settings.profileSaved')}</Notice>}
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
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={form.busy}>
        {form.busy ? t('common.saving') : t('common.save')}
      </button>
    </form>
  );
}
