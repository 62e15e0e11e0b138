// Seat maps of a space, and importing one from a JSON file (format in the README).
import { useState } from 'react';
import { Link } from 'react-router';
import type { SeatMapDto } from '../../../common/api/program.ts';
import { localize } from '../../../common/content.ts';
import { ApiError, api } from '../../api/client.ts';
import { problemMessageKey } from '../../api/problems.ts';
import { useApi } from '../../api/useApi.ts';
import { Notice } from '../../components/Status.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useI18n } from '../../i18n/locale.tsx';
import { hubPath } from '../../program/shared.ts';
import { useBackOffice } from '../context.ts';

export function SeatMaps() {
  const { locale, t } = useI18n();
  const { hub } = useBackOffice();
  usePageTitle(`${t('program.bo.maps.title')} · ${localize(hub.name, locale)}`);
  const preferred = hub.spaces.find((s) => s.kind === 'theater') ?? hub.spaces[0];
  const [space, setSpace] = useState(preferred?.slug ?? '');
  const [name, setName] = useState('');
  const [file, setFile] = useState<File | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[] | undefined>(undefined);
  const [done, setDone] = useState<string>();
  const maps = useApi<SeatMapDto[]>(space ? `${hubPath(hub.slug)}/spaces/${space}/seat-maps` : null);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setDone(undefined);
    setErrors(undefined);
    if (!file) {
      setErrors([t('program.bo.maps.noFile')]);
      return;
    }
    const text = await file.text();
    let layout: unknown;
    try {
      layout = JSON.parse(text);
    } catch (err) {
      setErrors([t('program.bo.maps.badJson', { detail: err instanceof Error ? err.message : String(err) })]);
      return;
    }
    setBusy(true);
    try {
      const mapName = name.trim() || file.name.replace(/\.json$/i, '');
      const created = await api<SeatMapDto>('POST', `${hubPath(hub.slug)}/spaces/${space}/seat-maps`, {
        name: mapName,
        layout,
      });
      setDone(t('program.bo.maps.imported', { name: created.name, count: created.seatCount }));
      setName('');
      maps.reload();
    } catch (err) {
      // The server's own words name the part of the file that is wrong.
      const lines = [t(problemMessageKey(err))];
      if (err instanceof ApiError) {
        for (const fe of err.problem.errors ?? [])
          lines.push(`${fe.path.replace(/^\/?body/, '') || '/'}: ${fe.message}`);
        if (!err.problem.errors?.length && err.problem.detail) lines.push(err.problem.detail);
      }
      setErrors(lines);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/back-office/${hub.slug}/program`}>{t('program.bo.nav')}</Link>
      </p>
      <h1>{t('program.bo.maps.title')}</h1>
      <p>{t('program.bo.maps.intro')}</p>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="seat-map-import">
        {errors && (
          <div className="alert alert-error" role="alert" data-testid="import-errors">
            <p>{errors[0]}</p>
            {errors.length > 1 && (
              <ul>
                {errors.slice(1).map((l) => (
                  <li key={l}>
                    <code>{l}</code>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {done && <Notice>{done}</Notice>}
        <div className="form-row">
          <div className="field">
            <label htmlFor="map-space">{t('program.bo.perf.space')}</label>
            <select id="map-space" name="space" value={space} onChange={(e) => setSpace(e.target.value)}>
              {hub.spaces.map((s) => (
                <option key={s.id} value={s.slug}>
                  {localize(s.name, locale)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="map-name">{t('program.bo.maps.name')}</label>
            <input
              id="map-name"
              name="name"
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
        </div>
        <div className="field">
          <label htmlFor="map-file">{t('program.bo.maps.file')}</label>
          <p className="field-hint" id="map-file-hint">
            {t('program.bo.maps.formatHint')}
          </p>
          <input
            id="map-file"
            name="file"
            type="file"
            accept="application/json,.json"
            aria-describedby="map-file-hint"
            onChange={(e) => setFile(e.target.files?.[0])}
            data-testid="seat-map-file"
          />
        </div>
        <figure className="format-figure">
          <figcaption>{t('program.bo.maps.sample')}</figcaption>
          <pre className="format-sample">
            {`{ "sections": [ { "id": "stalls", "name": { "kk": "Партер", "ru": "Партер", "en": "Stalls" },
    "rows": [ { "label": "A", "seats": 12, "category": "A", "wheelchair": [1, 12], "aisleAfter": [6] } ] } ] }`}
          </pre>
        </figure>
        <button type="submit" className="button" disabled={busy} data-testid="seat-map-submit">
          {busy ? t('common.saving') : t('program.bo.maps.submit')}
        </button>
      </form>
      <h2>{t('program.bo.maps.list')}</h2>
      {maps.data && maps.data.length === 0 && <p>{t('program.bo.maps.none')}</p>}
      {maps.data && maps.data.length > 0 && (
        <ul data-testid="seat-map-list">
          {maps.data.map((m) => (
            <li key={m.id}>
              {m.name} — {t('program.bo.maps.seats', { count: m.seatCount })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
