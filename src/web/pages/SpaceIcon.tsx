import type { SpaceKind } from '../../common/api/schemas.ts';

// Simple line drawings, one per kind of space; decorative, so hidden from screen readers.
const PATHS: Record<SpaceKind, string> = {
  ethno_museum: 'M4 20h16M6 20V10M10 20V10M14 20V10M18 20V10M3 10l9-6 9 6z',
  workshop: 'M14 4l6 6-9 9H5v-6zM12 6l6 6M4 21h7',
  hall: 'M3 20V9l9-5 9 5v11M8 20v-6h8v6M3 20h18',
  gallery: 'M4 5h16v12H4zM4 14l5-4 4 3 3-2 4 3M8 21h8M12 17v4',
  theater: 'M4 4h16v5a8 8 0 0 1-16 0zM8 8h.01M16 8h.01M9 12c1.5 1.5 4.5 1.5 6 0',
  games: 'M3 8h18v8H3zM6 12h.01M9 12h.01M12 12h.01M15 12h.01M18 12h.01',
  bookstore: 'M4 5c3-1 6-1 8 1 2-2 5-2 8-1v14c-3-1-6-1-8 1-2-2-5-2-8-1zM12 6v14',
};

export function SpaceIcon({ kind }: { kind: SpaceKind }) {
  return (
    <svg className="space-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={PATHS[kind]} />
    </svg>
  );
}
