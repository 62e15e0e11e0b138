create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  password_hash text,
  name text not null,
  locale text not null default 'kk' check (locale in ('kk', 'kk-Latn', 'ru', 'en')),
  network_admin boolean not null default false,
  created_at timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

-- Server-side sessions: the cookie holds a random token, the table only its SHA-256.
create table sessions (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);

create table password_reset_tokens (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);

-- Failed sign-ins, counted per email and per address to slow down guessing.
create table sign_in_failures (
  id bigserial primary key,
  email text not null,
  ip text not null,
  at timestamptz not null default now()
);
create index sign_in_failures_email_idx on sign_in_failures (lower(email), at);
create index sign_in_failures_ip_idx on sign_in_failures (ip, at);
