import type { OrderDto } from './api/box-office.ts';

/** An order's lines without those given back in an exchange (their tickets say `exchanged`). */
export function linesInForce(order: Pick<OrderDto, 'lines' | 'tickets'>): OrderDto['lines'] {
  const given = new Set(order.tickets.filter((t) => t.status === 'exchanged').map((t) => t.lineId));
  return given.size ? order.lines.filter((l) => !given.has(l.id)) : order.lines;
}
