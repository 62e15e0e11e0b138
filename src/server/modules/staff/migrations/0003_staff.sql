create table hub_roles (
  hub_id uuid not null references hubs (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  role text not null check (role in ('hub_admin', 'program_manager', 'box_office', 'curator', 'shop_clerk', 'resident')),
  granted_at timestamptz not null default now(),
  primary key (hub_id, user_id, role)
);
create index hub_roles_user_idx on hub_roles (user_id);

create table invitations (
  id uuid primary key default gen_random_uuid(),
  hub_id uuid not null references hubs (id) on delete cascade,
  email text not null,
  role text not null check (role in ('hub_admin', 'program_manager', 'box_office', 'curator', 'shop_clerk', 'resident')),
  token_hash text not null unique,
  invited_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  revoked_at timestamptz
);
create index invitations_hub_idx on invitations (hub_id);
