import { useState } from 'react';
import type { SpaceDto } from '../../common/api/schemas.ts';
import { localize } from '../../common/content.ts';
import { api } from '../api/client.ts';
import { FormAlert } from '../components/FormAlert.tsx';
import { draftOf, isBlank, LocalizedFields, textOf } from '../components/LocalizedFields.tsx';
import { Notice } from '../components/Status.tsx';
import { useForm } from '../components/useForm.ts';
import { useI18n } from '../i18n/locale.tsx';

export function SpaceEditor({
  hubSlug,
  space,
  onSaved,
}: {
  hubSlug: string;
  space: SpaceDto;
  onSaved: () => void;
}) {
  const { locale, t } = useI18n();
  const [name, setName] = useState(() => draftOf(space.name));
  const [description, setDescription] = useState(() => draftOf(space.description));
  const [savedName, setSavedName] = useState<string>();
  // What the server holds now, to tell a derived Latin text from one typed by hand.
  const [saved, setSavedText] = useState(() => ({ name: space.name, description: space.description }));
  const form = useForm<'name'>();

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setSavedName(undefined);
    await form.submit({ name: isBlank(name) ? { key: 'validation.oneLanguage' } : undefined }, async () => {
      const updated = await api<SpaceDto>('PATCH', `/hubs/${hubSlug}/spaces/${space.slug}`, {
        name: textOf(name, saved.name),
        description: textOf(description, saved.description),
      });
      setName(draftOf(updated.name));
      setDescription(draftOf(updated.description));
      setSavedText({ name: updated.name, description: updated.description });
      setSavedName(localize(updated.name, locale));
      onSaved();
    });
  }

  return (
    <form
      className="form space-editor"
      onSubmit={onSubmit}
      noValidate
      data-testid={`space-form-${space.slug}`}
    >
      <FormAlert error={form.error} hasFieldErrors={false} />
      {savedName && <Notice>{t('bo.spaces.saved', { name: savedName })}</Notice>}
      <LocalizedFields
        legend={t('bo.spaces.name')}
        name="name"
        maxLength={200}
        value={name}
        onChange={setName}
        error={form.fieldError('name')}
      />
      <LocalizedFields
        legend={t('bo.spaces.description')}
        name="description"
        multiline
        maxLength={5000}
        value={description}
        onChange={setDescription}
      />
      <button type="submit" className="button" disabled={form.busy}>
        {form.busy ? t('common.saving') : t('common.save')}
      </button>
    </form>
  );
}
