// The one place that says which role may do what. The server checks every staff route
// against this table; the web app builds the back-office navigation from it.

export const HUB_ROLES = [
  'hub_admin',
  'program_manager',
  'box_office',
  'curator',
  'shop_clerk',
  'resident',
] as const;
export type HubRole = (typeof HUB_ROLES)[number];

/** A network admin is not a hub role: it is a flag on the account and grants everything everywhere. */
export type Role = HubRole | 'network_admin';

export const PERMISSIONS = {
  /** Open the back office of a hub at all. */
  'backOffice.enter': ['hub_admin', 'program_manager', 'box_office', 'curator', 'shop_clerk', 'resident'],
  'hub.edit': ['hub_admin'],
  'spaces.edit': ['hub_admin', 'program_manager'],
  'staff.view': ['hub_admin'],
  'staff.manage': ['hub_admin'],
  'audit.view': ['hub_admin'],
  'program.manage': ['hub_admin', 'program_manager'],
  'boxOffice.sell': ['hub_admin', 'box_office'],
  'reports.view': ['hub_admin', 'program_manager', 'box_office'],
  'collections.manage': ['hub_admin', 'curator'],
  'shop.sell': ['hub_admin', 'shop_clerk'],
  'resident.workspace': ['resident'],
} as const satisfies Record<string, readonly HubRole[]>;
export type Permission = keyof typeof PERMISSIONS;

/** What one signed-in account holds: a network-admin flag and roles per hub. */
export interface Grants {
  networkAdmin: boolean;
  /** hub id → roles in that hub */
  hubRoles: ReadonlyMap<string, readonly HubRole[]> | Record<string, readonly HubRole[]>;
}

function rolesIn(grants: Grants, hubId: string): readonly HubRole[] {
  const m = grants.hubRoles;
  return (m instanceof Map ? m.get(hubId) : (m as Record<string, readonly HubRole[]>)[hubId]) ?? [];
}

export function can(grants: Grants, permission: Permission, hubId: string): boolean {
  if (grants.networkAdmin) return true;
  const allowed: readonly HubRole[] = PERMISSIONS[permission];
  return rolesIn(grants, hubId).some((r) => allowed.includes(r));
}

/** Roles a hub admin may hand out (a network admin is made only by another network admin). */
export const ASSIGNABLE_ROLES: readonly HubRole[] = HUB_ROLES;
