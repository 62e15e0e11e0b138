// API contract of the program: events, performances, prices, capacity and seats.
import { type Static, Type } from '@sinclair/typebox';
import { LocalizedTextSchema, literals, Uuid } from './schemas.ts';

export const EVENT_KINDS = [
  'exhibition',
  'concert',
  'literary_evening',
  'theater',
  'workshop_class',
  'tournament',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const AGE_RATINGS = ['0+', '6+', '12+', '16+', '18+'] as const;

export const EventKindSchema = literals(EVENT_KINDS);
const Timestamp = Type.String({ format: 'date-time' });
const Code = Type.String({ pattern: '^[A-Za-z0-9_-]{1,20}$' });
const LangList = Type.Array(literals(['kk', 'ru', 'en'] as const), { maxItems: 3, uniqueItems: true });

export const PriceCategorySchema = Type.Object({
  code: Type.String(),
  name: LocalizedTextSchema,
  priceTiyn: Type.Integer({ minimum: 0 }),
  vatCategory: Type.String(),
});
export type PriceCategoryDto = Static<typeof PriceCategorySchema>;

export const GaAreaSchema = Type.Object({
  id: Uuid,
  name: LocalizedTextSchema,
  category: Type.String(),
  capacity: Type.Integer(),
  available: Type.Integer(),
});
export type GaAreaDto = Static<typeof GaAreaSchema>;

/** A seat section of a performance (stalls, balcony…) with its name in every language. */
export const SectionSchema = Type.Object({ id: Type.String(), name: LocalizedTextSchema });
export type SectionDto = Static<typeof SectionSchema>;

/** Where a seat is, for people: its section's name, the row label and the seat number. */
export const SeatPlaceSchema = Type.Object({
  section: LocalizedTextSchema,
  row: Type.String(),
  number: Type.Integer(),
});
export type SeatPlaceDto = Static<typeof SeatPlaceSchema>;

export const PerformanceSchema = Type.Object({
  id: Uuid,
  eventId: Uuid,
  eventSlug: Type.String(),
  eventTitle: LocalizedTextSchema,
  eventKind: EventKindSchema,
  spaceSlug: Type.String(),
  spaceName: LocalizedTextSchema,
  startsAt: Timestamp,
  endsAt: Timestamp,
  holdMinutes: Type.Integer(),
  status: literals(['on_sale', 'sales_closed', 'cancelled'] as const),
  prices: Type.Array(PriceCategorySchema),
  areas: Type.Array(GaAreaSchema),
  /** the seat sections in map order, front first; empty without a seat map */
  sections: Type.Array(SectionSchema),
  seatCount: Type.Integer(),
  seatsAvailable: Type.Integer(),
});
export type PerformanceDto = Static<typeof PerformanceSchema>;

export const EventSchema = Type.Object({
  id: Uuid,
  hubId: Uuid,
  slug: Type.String(),
  kind: EventKindSchema,
  title: LocalizedTextSchema,
  description: LocalizedTextSchema,
  ageRating: Type.String(),
  languages: Type.Array(Type.String()),
  imageUrl: Type.Union([Type.String(), Type.Null()]),
  status: literals(['draft', 'published', 'cancelled'] as const),
});
export type EventDto = Static<typeof EventSchema>;

export const EventDetailSchema = Type.Intersect([
  EventSchema,
  Type.Object({ performances: Type.Array(PerformanceSchema) }),
]);
export type EventDetailDto = Static<typeof EventDetailSchema>;

export const CreateEventBody = Type.Object(
  {
    slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,80}$' }),
    kind: EventKindSchema,
    title: LocalizedTextSchema,
    description: Type.Optional(LocalizedTextSchema),
    ageRating: Type.Optional(literals(AGE_RATINGS)),
    languages: Type.Optional(LangList),
    imageUrl: Type.Optional(Type.String({ maxLength: 500, pattern: '^(https?://|/)' })),
    status: Type.Optional(literals(['draft', 'published'] as const)),
  },
  { additionalProperties: false },
);
export const UpdateEventBody = Type.Partial(
  Type.Object({
    kind: EventKindSchema,
    title: LocalizedTextSchema,
    description: LocalizedTextSchema,
    ageRating: literals(AGE_RATINGS),
    languages: LangList,
    imageUrl: Type.String({ maxLength: 500, pattern: '^(https?://|/)' }),
    status: literals(['draft', 'published', 'cancelled'] as const),
  }),
  { additionalProperties: false },
);

export const CreatePerformanceBody = Type.Object(
  {
    space: Type.String({ minLength: 1, maxLength: 64 }),
    startsAt: Timestamp,
    endsAt: Timestamp,
    holdMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 120 })),
    prices: Type.Array(
      Type.Object(
        {
          code: Code,
          name: LocalizedTextSchema,
          priceTiyn: Type.Integer({ minimum: 0, maximum: 100_000_000_00 }),
          vatCategory: Type.Optional(Type.String({ pattern: '^[a-z_]{1,30}$' })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 20 },
    ),
    areas: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: LocalizedTextSchema,
            category: Code,
            capacity: Type.Integer({ minimum: 0, maximum: 100_000 }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 20 },
      ),
    ),
    seatMapId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const SeatSchema = Type.Object({
  id: Type.String(),
  section: Type.String(),
  row: Type.String(),
  number: Type.Integer(),
  x: Type.Number(),
  y: Type.Number(),
  category: Type.String(),
  wheelchair: Type.Boolean(),
  status: literals(['available', 'held', 'sold', 'blocked'] as const),
  /** True when the hold is the caller's own. */
  mine: Type.Boolean(),
});
export type SeatDto = Static<typeof SeatSchema>;

export const SeatMapSchema = Type.Object({
  id: Uuid,
  spaceSlug: Type.String(),
  name: Type.String(),
  seatCount: Type.Integer(),
});
export type SeatMapDto = Static<typeof SeatMapSchema>;

export const ProgramQuery = Type.Object(
  {
    kind: Type.Optional(EventKindSchema),
    space: Type.Optional(Type.String({ maxLength: 64 })),
    from: Type.Optional(Type.String({ format: 'date' })),
    to: Type.Optional(Type.String({ format: 'date' })),
    lang: Type.Optional(literals(['kk', 'ru', 'en'] as const)),
    drafts: Type.Optional(literals(['true', 'false'] as const)),
  },
  { additionalProperties: false },
);

export const BlockSeatsBody = Type.Object(
  {
    seats: Type.Array(Type.String({ maxLength: 60 }), { minItems: 1, maxItems: 500, uniqueItems: true }),
    reason: literals(['house', 'press', 'guest', 'broken'] as const),
  },
  { additionalProperties: false },
);
export const UnblockSeatsBody = Type.Object(
  { seats: Type.Array(Type.String({ maxLength: 60 }), { minItems: 1, maxItems: 500, uniqueItems: true }) },
  { additionalProperties: false },
);
