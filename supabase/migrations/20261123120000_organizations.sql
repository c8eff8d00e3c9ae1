-- Organizations: the user organizations, NGOs, public services and treatment facilities that
-- publish activities. An organization is public only once a platform admin has approved it.

create type public.organization_kind as enum (
  'user_organization',
  'ngo',
  'public_service',
  'treatment_facility'
);

create type public.organization_status as enum ('pending', 'approved', 'suspended');

-- How an organization works, so professionals can offer a menu of alternatives.
create type public.approach as enum (
  'peer_led',
  'activity_based',
  'dialogue_based',
  'twelve_step',
  'non_twelve_step',
  'for_relatives',
  'professional_led',
  'faith_based'
);

create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique
    check (char_length(slug) between 2 and 60 and slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text not null check (char_length(btrim(name)) between 2 and 120),
  description text not null default '' check (char_length(description) <= 5000),
  kind public.organization_kind not null,
  approaches public.approach[] not null default '{}',
  contact_email text check (contact_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  contact_phone text check (contact_phone ~ '^\+?[0-9 ]{5,20}$'),
  website text check (website ~ '^https?://'),
  region text check (char_length(region) <= 80),
  city text check (char_length(city) <= 80),
  status public.organization_status not null default 'pending',
  -- Days after a session ends before sign-ups' names, contacts and notes are purged.
  retention_days smallint not null default 30 check (retention_days between 1 and 90),
  approved_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint approved_has_time check (status <> 'approved' or approved_at is not null)
);

comment on table public.organizations is
  'Publishers of activities. Public once approved by a platform admin.';

create index organizations_status_name_idx on public.organizations (status, name);

create function public.set_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

create trigger organizations_set_updated_at
  before update on public.organizations
  for each row execute function public.set_updated_at();

alter table public.organizations enable row level security;

-- Visitors, signed in or not, see approved organizations only. Writes come with the
-- organizer dashboard (memberships); until then only the secret key (service_role) writes.
create policy "Anyone can read approved organizations"
  on public.organizations for select
  to anon, authenticated
  using (status = 'approved');
