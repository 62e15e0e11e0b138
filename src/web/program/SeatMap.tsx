// A seat map drawn from the seats' grid coordinates. Each seat is a checkbox that the mouse,
// a tap or the keyboard toggles: Tab enters the map at one seat, the arrow keys move between
// seats (left/right along the row, up/down to the nearest seat of the next row), Home/End jump
// to the ends of the row, Enter or Space selects. Price categories differ by colour AND shape;
// taken, held and blocked seats by fill and mark, so nothing relies on colour alone.
import { type KeyboardEvent, type ReactNode, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { PriceCategoryDto, SeatDto, SectionDto } from '../../common/api/program.ts';
import { localize } from '../../common/content.ts';
import { formatMoney } from '../../common/format.ts';
import { useI18n } from '../i18n/locale.tsx';

const U = 32; // one grid unit in pixels at zoom 1: a seat target of 28 px
const R = 13;
const TOP = 2.6 * U; // the stage and the first section's name
const COLOURS = ['#8a2e1c', '#1d5b63', '#6e5312', '#5a3d8a', '#2f6b2f', '#8a3a6a', '#35506e', '#6b3f1f'];
const SHAPES = ['circle', 'square', 'diamond', 'triangle', 'hexagon'] as const;
type Shape = (typeof SHAPES)[number];

export type SeatView = 'available' | 'selected' | 'held' | 'sold' | 'blocked';

export interface CategoryStyle {
  colour: string;
  shape: Shape;
}

/** Colour and shape per price category, in the order of the prices (dearest first). */
export function categoryStyles(prices: readonly PriceCategoryDto[]): Map<string, CategoryStyle> {
  const m = new Map<string, CategoryStyle>();
  prices.forEach((p, i) => {
    m.set(p.code, {
      colour: COLOURS[i % COLOURS.length] ?? '#8a2e1c',
      shape: SHAPES[i % SHAPES.length] ?? 'circle',
    });
  });
  return m;
}

function shapePath(shape: Shape, cx: number, cy: number, r: number): ReactNode {
  switch (shape) {
    case 'circle':
      return <circle cx={cx} cy={cy} r={r} />;
    case 'square':
      return <rect x={cx - r * 0.9} y={cy - r * 0.9} width={r * 1.8} height={r * 1.8} rx={3} />;
    case 'diamond':
      return (
        <polygon
          points={`${cx},${cy - r * 1.15} ${cx + r * 1.15},${cy} ${cx},${cy + r * 1.15} ${cx - r * 1.15},${cy}`}
        />
      );
    case 'triangle':
      return (
        <polygon
          points={`${cx},${cy - r * 1.1} ${cx + r * 1.15},${cy + r * 0.9} ${cx - r * 1.15},${cy + r * 0.9}`}
        />
      );
    default: {
      const pts = Array.from({ length: 6 }, (_, i) => {
        const a = (Math.PI / 3) * i + Math.PI / 6;
        return `${cx + r * Math.cos(a)},${cy + r * Math.sin(a)}`;
      });
      return <polygon points={pts.join(' ')} />;
    }
  }
}

/** The small picture of a seat state or category used in the legend. */
export function SeatSwatch({ view, style }: { view: SeatView; style?: CategoryStyle | undefined }) {
  return (
    <svg
      className="seat-swatch"
      width="28"
      height="28"
      viewBox="0 0 28 28"
      aria-hidden="true"
      focusable="false"
    >
      <g className={`seat seat-${view}`} style={view === 'available' ? { fill: style?.colour } : undefined}>
        <g className="seat-shape">{shapePath(style?.shape ?? 'circle', 14, 14, 11)}</g>
        <SeatMark view={view} cx={14} cy={14} />
      </g>
    </svg>
  );
}

function SeatPatterns() {
  return (
    <defs>
      <pattern
        id="seat-hatch"
        width="6"
        height="6"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect width="6" height="6" fill="#f3e8d6" />
        <line x1="0" y1="0" x2="0" y2="6" stroke="#5c4636" strokeWidth="3" />
      </pattern>
    </defs>
  );
}

function SeatMark({ view, cx, cy, text }: { view: SeatView; cx: number; cy: number; text?: string }) {
  if (view === 'selected')
    return (
      <path
        className="seat-mark"
        d={`M${cx - 6},${cy} l4,5 l8,-10`}
        fill="none"
        stroke="#fff"
        strokeWidth="3"
        strokeLinecap="round"
      />
    );
  if (view === 'sold')
    return (
      <path
        className="seat-mark"
        d={`M${cx - 5},${cy - 5} l10,10 M${cx + 5},${cy - 5} l-10,10`}
        stroke="#fff"
        strokeWidth="2.5"
        strokeLinecap="round"
      />
    );
  if (view === 'held') return <circle className="seat-mark" cx={cx} cy={cy} r={3} fill="#5c4636" />;
  if (view === 'available' && text)
    return (
      <text className="seat-number" x={cx} y={cy} dy="0.35em" textAnchor="middle">
        {text}
      </text>
    );
  return null;
}

export interface SeatMapProps {
  seats: readonly SeatDto[];
  prices: readonly PriceCategoryDto[];
  selected: ReadonlySet<string>;
  onToggle: (seat: SeatDto) => void;
  /** Which seats may be toggled; by default the available ones and those already selected. */
  selectable?: (seat: SeatDto) => boolean;
  /** The name of the map for assistive technology. */
  label: string;
  /** How a seat looks; by default from its status and whether it is selected or held for you. */
  viewOf?: (seat: SeatDto) => SeatView;
  /** Extra words for a seat's status (e.g. why it is blocked) in the back office. */
  statusText?: (seat: SeatDto) => string | undefined;
  /** The performance's sections, which name them; the id made readable otherwise. */
  sections?: readonly SectionDto[] | undefined;
}

const readable = (id: string) => id.charAt(0).toUpperCase() + id.slice(1).replaceAll('-', ' ');

export function SeatMap({
  seats,
  prices,
  selected,
  onToggle,
  selectable,
  label,
  viewOf,
  statusText,
  sections: named,
}: SeatMapProps) {
  const { locale, t } = useI18n();
  const sectionTitle = (id: string) =>
    localize(named?.find((s) => s.id === id)?.name, locale) || readable(id);
  const [zoom, setZoom] = useState(1);
  const [focusId, setFocusId] = useState<string | undefined>(undefined);
  const refs = useRef(new Map<string, SVGGElement>());
  const styles = useMemo(() => categoryStyles(prices), [prices]);
  const priceOf = useMemo(() => new Map(prices.map((p) => [p.code, p])), [prices]);
  const sections = useMemo(() => [...new Set(seats.map((s) => s.section))], [seats]);

  const geometry = useMemo(() => {
    const maxX = Math.max(0, ...seats.map((s) => s.x));
    const maxY = Math.max(0, ...seats.map((s) => s.y));
    const width = (maxX + 3) * U;
    const height = TOP + (maxY + 1) * U + U * 0.3;
    const rows = new Map<string, { section: string; row: string; y: number; minX: number; maxX: number }>();
    for (const s of seats) {
      const key = `${s.section}|${s.row}`;
      const r = rows.get(key);
      if (!r) rows.set(key, { section: s.section, row: s.row, y: s.y, minX: s.x, maxX: s.x });
      else {
        r.minX = Math.min(r.minX, s.x);
        r.maxX = Math.max(r.maxX, s.x);
      }
    }
    const sectionTop = new Map<string, number>();
    for (const s of seats) sectionTop.set(s.section, Math.min(sectionTop.get(s.section) ?? s.y, s.y));
    return { width, height, rows: [...rows.values()], sectionTop };
  }, [seats]);

  // Start as large as the box allows (up to 1.75×), never smaller than the 28 px seat targets.
  const scroller = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const room = (scroller.current?.clientWidth ?? 0) - 8;
    if (room > 0) setZoom(Math.max(1, Math.min(1.75, Math.floor((room / geometry.width) * 10) / 10)));
  }, [geometry.width]);

  const cx = (s: Pick<SeatDto, 'x'>) => (s.x + 1.5) * U;
  const cy = (s: Pick<SeatDto, 'y'>) => TOP + (s.y + 0.5) * U;

  const defaultView = (s: SeatDto): SeatView => {
    if (selected.has(s.id) || s.mine) return 'selected';
    return s.status === 'available' ? 'available' : s.status;
  };
  const view = viewOf ?? defaultView;
  const canToggle = selectable ?? ((s: SeatDto) => s.status === 'available' || selected.has(s.id));

  const statusWord = (v: SeatView, s: SeatDto) => {
    const extra = statusText?.(s);
    if (extra) return extra;
    if (v === 'selected')
      return s.mine && !selected.has(s.id) ? t('program.seat.mine') : t('program.seat.selected');
    return t(`program.seat.${v}`);
  };

  const seatLabel = (s: SeatDto) => {
    const price = priceOf.get(s.category);
    const parts = [
      t('program.seat.label', {
        row: s.row,
        number: s.number,
        price: price ? formatMoney(price.priceTiyn, locale) : s.category,
        status: statusWord(view(s), s),
      }),
    ];
    if (s.wheelchair) parts.push(t('program.seat.wheelchair'));
    const text = parts.join(', ');
    return sections.length > 1 ? `${sectionTitle(s.section)}: ${text}` : text;
  };

  const tabStop =
    focusId && seats.some((s) => s.id === focusId) ? focusId : (seats.find(canToggle) ?? seats[0])?.id;

  function move(from: SeatDto, key: string): SeatDto | undefined {
    const sameRow = seats.filter((s) => s.section === from.section && s.row === from.row);
    if (key === 'ArrowLeft' || key === 'ArrowRight') {
      const dir = key === 'ArrowLeft' ? -1 : 1;
      return sameRow
        .filter((s) => (s.x - from.x) * dir > 0)
        .sort((a, b) => Math.abs(a.x - from.x) - Math.abs(b.x - from.x))[0];
    }
    if (key === 'Home' || key === 'End') {
      const sorted = [...sameRow].sort((a, b) => a.x - b.x);
      return key === 'Home' ? sorted[0] : sorted[sorted.length - 1];
    }
    if (key === 'ArrowUp' || key === 'ArrowDown') {
      const dir = key === 'ArrowUp' ? -1 : 1;
      const ys = seats.map((s) => s.y).filter((y) => (y - from.y) * dir > 0);
      if (ys.length === 0) return undefined;
      const nextY = dir < 0 ? Math.max(...ys) : Math.min(...ys);
      return seats
        .filter((s) => s.y === nextY)
        .sort((a, b) => Math.abs(a.x - from.x) - Math.abs(b.x - from.x))[0];
    }
    return undefined;
  }

  function onKeyDown(e: KeyboardEvent<SVGGElement>, seat: SeatDto) {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (canToggle(seat)) onToggle(seat);
      return;
    }
    const next = move(seat, e.key);
    if (['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(e.key))
      e.preventDefault();
    if (next) {
      setFocusId(next.id);
      refs.current.get(next.id)?.focus();
    }
  }

  const legendCategories = prices.filter((p) => seats.some((s) => s.category === p.code));
  const hasWheelchair = seats.some((s) => s.wheelchair);

  return (
    <div className="seatmap">
      <div className="seatmap-tools">
        <p className="seatmap-help" id="seatmap-help">
          {t('program.seatMap.help')}
        </p>
        <div className="seatmap-zoom">
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => setZoom((z) => Math.max(0.6, Math.round((z - 0.2) * 10) / 10))}
            aria-label={t('program.seatMap.zoomOut')}
            data-testid="zoom-out"
          >
            −
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => setZoom((z) => Math.min(2.4, Math.round((z + 0.2) * 10) / 10))}
            aria-label={t('program.seatMap.zoomIn')}
            data-testid="zoom-in"
          >
            +
          </button>
        </div>
      </div>
      <div className="seatmap-scroll" data-testid="seatmap-scroll" ref={scroller}>
        {/* biome-ignore lint/a11y/useSemanticElements: an SVG drawing cannot be a fieldset; it groups the seat checkboxes */}
        <svg
          className="seatmap-svg"
          role="group"
          aria-label={label}
          aria-describedby="seatmap-help"
          width={geometry.width * zoom}
          height={geometry.height * zoom}
          viewBox={`0 0 ${geometry.width} ${geometry.height}`}
          data-testid="seat-map"
        >
          <SeatPatterns />
          {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: the stage and row letters are drawing only; each seat names its row */}
          <g aria-hidden="true">
            <rect
              className="seatmap-stage"
              x={U}
              y={6}
              width={geometry.width - 2 * U}
              height={U * 0.9}
              rx={6}
            />
            <text
              className="seatmap-stage-text"
              x={geometry.width / 2}
              y={6 + U * 0.45}
              dy="0.35em"
              textAnchor="middle"
            >
              {t('program.seatMap.stage')}
            </text>
            {sections.length > 1 &&
              sections.map((sec) => (
                <text
                  key={sec}
                  className="seatmap-section"
                  x={geometry.width / 2}
                  y={TOP + ((geometry.sectionTop.get(sec) ?? 0) - 0.45) * U}
                  textAnchor="middle"
                >
                  {sectionTitle(sec)}
                </text>
              ))}
            {geometry.rows.map((r) => (
              <g key={`${r.section}|${r.row}`} className="seatmap-row-label">
                <text x={(r.minX + 0.6) * U} y={TOP + (r.y + 0.5) * U} dy="0.35em" textAnchor="middle">
                  {r.row}
                </text>
                <text x={(r.maxX + 2.4) * U} y={TOP + (r.y + 0.5) * U} dy="0.35em" textAnchor="middle">
                  {r.row}
                </text>
              </g>
            ))}
          </g>
          {seats.map((s) => {
            const v = view(s);
            const style = styles.get(s.category);
            const enabled = canToggle(s);
            const x = cx(s);
            const y = cy(s);
            return (
              // biome-ignore lint/a11y/useSemanticElements: an SVG seat cannot be an <input>; it behaves as a checkbox
              <g
                key={s.id}
                ref={(el) => {
                  if (el) refs.current.set(s.id, el);
                  else refs.current.delete(s.id);
                }}
                role="checkbox"
                aria-checked={v === 'selected'}
                aria-disabled={!enabled || undefined}
                aria-label={seatLabel(s)}
                tabIndex={s.id === tabStop ? 0 : -1}
                className={`seat seat-${v}${enabled ? ' seat-enabled' : ''}`}
                style={v === 'available' ? { fill: style?.colour } : undefined}
                data-seat={s.id}
                data-status={v}
                onClick={() => {
                  setFocusId(s.id);
                  if (enabled) onToggle(s);
                }}
                onKeyDown={(e) => onKeyDown(e, s)}
                onFocus={() => setFocusId(s.id)}
              >
                <rect className="seat-hit" x={x - U / 2} y={y - U / 2} width={U} height={U} />
                <g className="seat-shape">{shapePath(style?.shape ?? 'circle', x, y, R)}</g>
                {s.wheelchair && v === 'available' ? (
                  <text className="seat-number seat-wheelchair" x={x} y={y} dy="0.35em" textAnchor="middle">
                    ♿
                  </text>
                ) : (
                  <SeatMark view={v} cx={x} cy={y} text={String(s.number)} />
                )}
              </g>
            );
          })}
        </svg>
      </div>
      <div className="seatmap-legend">
        <h3 className="visually-hidden">{t('program.seatMap.legend')}</h3>
        <ul aria-label={t('program.seatMap.legend')}>
          {legendCategories.map((p) => (
            <li key={p.code}>
              <SeatSwatch view="available" style={styles.get(p.code)} />
              <span>
                {localize(p.name, locale) || p.code} — {formatMoney(p.priceTiyn, locale)}
              </span>
            </li>
          ))}
          <li>
            <SeatSwatch view="selected" />
            <span>{t('program.legend.selected')}</span>
          </li>
          <li>
            <SeatSwatch view="held" />
            <span>{t('program.legend.held')}</span>
          </li>
          <li>
            <SeatSwatch view="sold" />
            <span>{t('program.legend.sold')}</span>
          </li>
          <li>
            <SeatSwatch view="blocked" />
            <span>{t('program.legend.blocked')}</span>
          </li>
          {hasWheelchair && (
            <li>
              <span className="seat-swatch seat-swatch-wheelchair" aria-hidden="true">
                ♿
              </span>
              <span>{t('program.legend.wheelchair')}</span>
            </li>
          )}
        </ul>
      </div>
    </div>
  );
}
