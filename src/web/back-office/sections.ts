import type { MessageKey } from '../../common/i18n/index.ts';
import { can, type Grants } from '../../common/permissions.ts';

/**
 * The back-office sections that work today, each shown only to whom the permission
 * table allows. Later modules (program, box office, collections, shop, resident
 * workspace) add their sections here when they exist.
 */
export interface Section {
  id:
    | 'overview'
    | 'program'
    | 'offers'
    | 'vouchers'
    | 'spaces'
    | 'staff'
    | 'audit'
    | 'settings'
    | 'hubs'
    | 'desk'
    | 'door';
  /** relative to /back-office/:hubSlug */
  path: string;
  label: MessageKey;
  visible: (grants: Grants, hubId: string) => boolean;
}

export const SECTIONS: readonly Section[] = [
  { id: 'overview', path: '', label: 'bo.nav.overview', visible: (g, h) => can(g, 'backOffice.enter', h) },
  { id: 'program', path: 'program', label: 'program.bo.nav', visible: (g, h) => can(g, 'program.manage', h) },
  {
    id: 'offers',
    path: 'offers',
    label: 'offers.bo.nav',
    visible: (g, h) => can(g, 'program.manage', h),
  },
  {
    id: 'vouchers',
    path: 'vouchers',
    label: 'offers.vouchers.nav',
    visible: (g, h) => can(g, 'boxOffice.sell', h) || can(g, 'program.manage', h),
  },
  { id: 'spaces', path: 'spaces', label: 'bo.nav.spaces', visible: (g, h) => can(g, 'spaces.edit', h) },
  {
    id: 'staff',
    path: 'staff',
    label: 'bo.nav.staff',
    visible: (g, h) => can(g, 'staff.view', h) || can(g, 'staff.manage', h),
  },
  { id: 'audit', path: 'audit', label: 'bo.nav.audit', visible: (g, h) => can(g, 'audit.view', h) },
  { id: 'settings', path: 'settings', label: 'bo.nav.settings', visible: (g, h) => can(g, 'hub.edit', h) },
  { id: 'desk', path: 'desk', label: 'desk.nav', visible: (g, h) => can(g, 'boxOffice.sell', h) },
  { id: 'door', path: 'door', label: 'door.nav', visible: (g, h) => can(g, 'boxOffice.sell', h) },
  // Hubs are the network's, not one hub's: only a network admin manages them.
  { id: 'hubs', path: 'hubs', label: 'bo.nav.hubs', visible: (g) => g.networkAdmin },
];

export function visibleSections(grants: Grants, hubId: string): Section[] {
  return SECTIONS.filter((s) => s.visible(grants, hubId));
}

/** The section a back-office path points at (the part after /back-office/:hubSlug). */
export function sectionOf(rest: string): Section | undefined {
  const first = rest.split('/').filter(Boolean)[0] ?? '';
  return SECTIONS.find((s) => s.path === first);
}
