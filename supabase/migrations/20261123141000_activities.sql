-- Activities and their sessions (the dated occurrences). An activity is public once published
-- by an approved organization; drafts and everything of a pending or suspended organization are
-- seen only by its members (and platform admins). Sign-ups are per session or for the series.

create type public.activity_category as enum (
  'sport', 'outdoor', 'course', 'dialogue_group', 'culture_creative', 'social_meals',
  'volunteering', 'work_study'
);

create type public.activity_attribute as enum (
  'substance_free', 'free_of_charge', 'women_only', 'youth', 'families',
  'wheelchair_accessible', 'beginners_welcome', 'no_sharing_required', 'drop_in', 'english_spoken'
);

create type public.signup_mode as enum ('none', 'per_session', 'whole_series');

create type public.activity_status as enum ('draft', 'published', 'cancelled', 'archived');

create table public.activities (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  slug text not null check (char_length(slug) between 2 and 80 and slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  title text not null check (char_length(btrim(title)) between 3 and 120),
  summary text not null default '' check (char_length(summary) <= 300),
  -- Markdown, sanitised when rendered.
  description text not null default '' check (char_length(description) <= 10000),
  category public.activity_category not null,
  attributes public.activity_attribute[] not null default '{}',
  venue text check (char_length(venue) <= 120),
  address text check (char_length(address) <= 200),
  city text check (char_length(city) <= 80),
  online boolean not null default false,
  timezone text not null default 'Europe/Oslo' check (timezone ~ '^[A-Za-z_]+(/[A-Za-z_]+)+$'),
  -- The first (or only) date, the local start time and the length; `rrule` repeats it.
  first_date date not null,
  start_time time not null,
  duration_minutes integer not null check (duration_minutes between 5 and 1440),
  rrule text check (char_length(rrule) <= 200),
  signup_mode public.signup_mode not null default 'per_session',
  capacity integer check (capacity > 0),
  waitlist boolean not null default true,
  helper_places integer not null default 0 check (helper_places between 0 and 100),
  -- The sign-up window, relative to each session's start.
  signup_opens_days_before integer check (signup_opens_days_before between 0 and 365),
  signup_closes_hours_before integer not null default 0 check (signup_closes_hours_before between 0 and 720),
  status public.activity_status not null default 'draft',
  cancel_reason text check (char_length(cancel_reason) <= 500),
  published_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  search tsvector generated always as (
    setweight(to_tsvector('norwegian', title), 'A') || setweight(to_tsvector('simple', title), 'A')
    || setweight(to_tsvector('norwegian', summary || ' ' || description), 'B')
    || setweight(to_tsvector('simple', summary || ' ' || description), 'C')
  ) stored,
  unique (organization_id, slug),
  constraint venue_or_online check (online or venue is not null or address is not null),
  constraint cancelled_has_reason check (status <> 'cancelled' or cancel_reason is not null)
);

create index activities_search_idx on public.activities using gin (search);
create index activities_org_idx on public.activities (organization_id, status);

create trigger activities_set_updated_at
  before update on public.activities
  for each row execute function public.set_updated_at();

create type public.session_status as enum ('scheduled', 'cancelled');

create table public.sessions (
  id uuid primary key default gen_random_uuid(),
  activity_id uuid not null references public.activities (id) on delete cascade,
  -- The occurrence this session is, by its rule date (a moved session keeps it).
  occurrence_date date not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  status public.session_status not null default 'scheduled',
  cancel_reason text check (char_length(cancel_reason) <= 500),
  -- Moved or cancelled by hand: a change to the rule leaves it as it is.
  edited boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (activity_id, occurrence_date),
  constraint ends_after_start check (ends_at > starts_at)
);

create index sessions_upcoming_idx on public.sessions (starts_at) where status = 'scheduled';

create trigger sessions_set_updated_at
  before update on public.sessions
  for each row execute function public.set_updated_at();

/** Whether the caller may see an activity: public once published by an approved organization. */
create function public.activity_visible(a public.activities) returns boolean
language sql stable security definer set search_path = ''
as $$
  select (a.status in ('published', 'cancelled', 'archived')
          and exists (select 1 from public.organizations o where o.id = a.organization_id and o.status = 'approved'))
      or public.is_member(a.organization_id)
      or public.is_platform_admin()
$$;

alter table public.activities enable row level security;
alter table public.sessions enable row level security;

create policy "Anyone reads public activities; members read their own"
  on public.activities for select to anon, authenticated
  using ((select public.activity_visible(activities)));

create policy "Members create activities for their organization"
  on public.activities for insert to authenticated
  with check ((select public.is_member(organization_id)) and created_by = (select auth.uid()));

create policy "Members edit their organization's activities"
  on public.activities for update to authenticated
  using ((select public.is_member(organization_id)))
  with check ((select public.is_member(organization_id)));

create policy "Members delete drafts"
  on public.activities for delete to authenticated
  using ((select public.is_member(organization_id)) and status = 'draft');

create policy "Sessions are visible with their activity"
  on public.sessions for select to anon, authenticated
  using (exists (select 1 from public.activities a where a.id = activity_id));

create policy "Members manage their activities' sessions"
  on public.sessions for all to authenticated
  using (exists (select 1 from public.activities a where a.id = activity_id and public.is_member(a.organization_id)))
  with check (exists (select 1 from public.activities a where a.id = activity_id and public.is_member(a.organization_id)));
