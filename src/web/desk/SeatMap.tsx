import type { PriceCategoryDto, SeatDto, SectionDto } from '../../common/api/program.ts';
import { localize } from '../../common/content.ts';
import { formatMoney } from '../../common/format.ts';
import { useI18n } from '../i18n/locale.tsx';

interface Props {
  seats: SeatDto[];
  prices: PriceCategoryDto[];
  /** seats picked but not yet held */
  picked: ReadonlySet<string>;
  /** seats held for this sale */
  held: ReadonlySet<string>;
  onToggle: (seat: SeatDto) => void;
  disabled?: boolean;
  /** the performance's sections: with more than one, each seat says which it is in */
  sections?: readonly SectionDto[];
}

const CELL = 2.5; // rem per seat on the grid the server derives (one unit per seat)

function rowOf(id: string): string {
  // ids are "<section>-<row>-<number>"
  const parts = id.split('-');
  return parts.length >= 3 ? (parts[parts.length - 2] ?? '') : '';
}

/** The seat map as a grid of toggle buttons; each says its row, number, price and state. */
export function SeatMap({ seats, prices, picked, held, onToggle, disabled, sections = [] }: Props) {
  const { locale, t } = useI18n();
  if (seats.length === 0) return null;
  const minX = Math.min(...seats.map((s) => s.x));
  const minY = Math.min(...seats.map((s) => s.y));
  const width = Math.max(...seats.map((s) => s.x)) - minX + 1;
  const height = Math.max(...seats.map((s) => s.y)) - minY + 1;
  const price = new Map(prices.map((p) => [p.code, p]));
  const shade = new Map(prices.map((p, i) => [p.code, i % 4]));
  const rows = new Map<number, string>();
  for (const s of seats) rows.set(s.y, s.row || rowOf(s.id));

  return (
    <div className="seat-map-scroll">
      <div className="seat-stage" aria-hidden="true">
        {t('desk.stage')}
      </div>
      <fieldset
        className="seat-map"
        style={{ width: `${(width + 1) * CELL}rem`, height: `${height * CELL}rem` }}
        data-testid="seat-map"
      >
        <legend className="visually-hidden">{t('desk.seatMap')}</legend>
        {[...rows].map(([y, label]) => (
          <span
            key={`row-${y}`}
            className="seat-row-label"
            style={{ top: `${(y - minY) * CELL}rem` }}
            aria-hidden="true"
          >
            {label}
          </span>
        ))}
        {seats.map((s) => {
          const isHeld = held.has(s.id);
          const isPicked = picked.has(s.id);
          const free = s.status === 'available';
          const state = isHeld
            ? 'held-mine'
            : isPicked
              ? 'picked'
              : free
                ? 'free'
                : s.status === 'held' && s.mine
                  ? 'held-mine'
                  : s.status;
          const cat = price.get(s.category);
          const inSection = sections.length > 1 ? sections.find((x) => x.id === s.section) : undefined;
          const label = `${inSection ? `${localize(inSection.name, locale) || s.section}: ` : ''}${t(
            'desk.seatLabel',
            {
              row: s.row,
              number: s.number,
              category: cat ? localize(cat.name, locale) : s.category,
              price: cat ? formatMoney(cat.priceTiyn, locale) : '',
            },
          )}`;
          const status =
            state === 'free'
              ? t('desk.seat.free')
              : state === 'picked'
                ? t('desk.seat.picked')
                : state === 'held-mine'
                  ? t('desk.seat.heldMine')
                  : state === 'sold'
                    ? t('desk.seat.sold')
                    : t('desk.seat.unavailable');
          return (
            <button
              key={s.id}
              type="button"
              className={`seat seat-${state} seat-cat-${shade.get(s.category) ?? 0}`}
              style={{ left: `${(s.x - minX + 1) * CELL}rem`, top: `${(s.y - minY) * CELL}rem` }}
              aria-pressed={isPicked || isHeld}
              aria-label={`${label}, ${status}${s.wheelchair ? `, ${t('desk.seat.wheelchair')}` : ''}`}
              title={`${label}${s.wheelchair ? ` · ${t('desk.seat.wheelchair')}` : ''}`}
              disabled={disabled || (!free && !isPicked && !isHeld)}
              onClick={() => onToggle(s)}
              data-seat-id={s.id}
            >
              {s.wheelchair ? '♿' : s.number}
            </button>
          );
        })}
      </fieldset>
      <ul className="seat-legend">
        <li>
          <span className="seat-swatch seat-picked" aria-hidden="true" />
          {t('desk.seat.picked')}
        </li>
        <li>
          <span className="seat-swatch seat-sold" aria-hidden="true" />
          {t('desk.seat.sold')}
        </li>
        {prices.map((p) => (
          <li key={p.code}>
            <span className={`seat-swatch seat-free seat-cat-${shade.get(p.code) ?? 0}`} aria-hidden="true" />
            {localize(p.name, locale)} · {formatMoney(p.priceTiyn, locale)}
          </li>
        ))}
      </ul>
    </div>
  );
}
