-- Sign-ups without accounts. A sign-up holds a chosen name and one way to be reached; it lives in
-- `private`, which the REST API does not expose, and is reached only through the functions below,
-- each of which checks who is asking: the participant by the secret token of their manage link
-- (only its SHA-256 is stored), an organizer of the activity's organization by membership — and,
-- for names and contacts, by a session confirmed with an authenticator (aal2), every read of them
-- written to an append-only audit log. Capacity and the waiting list are decided under a row lock
-- on the session (or, for a whole series, the activity), so parallel sign-ups never overbook.

create type public.signup_status as enum ('confirmed', 'waitlisted', 'cancelled', 'attended', 'no_show');
create type public.signup_role as enum ('participant', 'helper');

alter table public.organizations
  add column discreet boolean not null default true;
comment on column public.organizations.discreet is
  'E-mails and calendar entries use neutral wording (no activity or organization in subjects).';

create table private.signups (
  id uuid primary key default gen_random_uuid(),
  activity_id uuid not null references public.activities (id) on delete cascade,
  -- Null for a sign-up to the whole series (signup_mode = whole_series).
  session_id uuid references public.sessions (id) on delete cascade,
  role public.signup_role not null default 'participant',
  status public.signup_status not null,
  -- Personal data: nulled by the purge (purged_at set), and by "delete my data".
  chosen_name text check (char_length(btrim(chosen_name)) between 1 and 60),
  email text check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and char_length(email) <= 255),
  phone text check (phone ~ '^\+?[0-9 ]{5,20}$'),
  note text check (char_length(note) <= 500),
  first_time boolean not null default false,
  reminder boolean not null default false,
  locale text not null default 'nb' check (locale in ('nb', 'en')),
  consent_version text not null,
  consented_at timestamptz not null default now(),
  idempotency_key uuid not null unique,
  manage_token_hash text not null unique,
  user_id uuid references auth.users (id) on delete set null,
  -- Arrival order: the waiting list is first in, first out.
  seq bigint generated always as identity,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  promoted_at timestamptz,
  cancelled_at timestamptz,
  reminded_at timestamptz,
  purged_at timestamptz,
  constraint contact_or_purged check (purged_at is not null or email is not null or phone is not null),
  constraint name_or_purged check (purged_at is not null or chosen_name is not null)
);

create index signups_session_idx on private.signups (session_id, role, status, seq);
create index signups_series_idx on private.signups (activity_id, role, status, seq) where session_id is null;
-- One contact holds at most one place per session (or series).
create unique index signups_one_email on private.signups (coalesce(session_id, activity_id), lower(email))
  where email is not null and status in ('confirmed', 'waitlisted', 'attended');
create unique index signups_one_phone on private.signups (coalesce(session_id, activity_id), regexp_replace(phone, '\s', '', 'g'))
  where phone is not null and status in ('confirmed', 'waitlisted', 'attended');

alter table private.signups enable row level security;

create trigger signups_set_updated_at before update on private.signups
  for each row execute function public.set_updated_at();

-- Every read of attendee names and contacts by an organizer. Append-only: no role may update or
-- delete it (the functions only insert).
create table private.attendee_reads (
  id bigint generated always as identity primary key,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  activity_id uuid references public.activities (id) on delete set null,
  session_id uuid references public.sessions (id) on delete set null,
  user_id uuid references auth.users (id) on delete set null,
  what text not null check (what in ('list', 'export', 'message')),
  rows integer not null,
  at timestamptz not null default now()
);
alter table private.attendee_reads enable row level security;

create function private.refuse_change() returns trigger language plpgsql set search_path = '' as $$
begin
  raise exception 'The audit log is append-only' using errcode = '42501';
end;
$$;
create trigger attendee_reads_append_only before update or delete on private.attendee_reads
  for each row execute function private.refuse_change();

-- Counts for reports that survive the purge: one row per session (or series) and role.
create table private.signup_counts (
  activity_id uuid not null references public.activities (id) on delete cascade,
  session_key uuid not null,
  role public.signup_role not null,
  signups integer not null default 0,
  first_timers integer not null default 0,
  attended integer not null default 0,
  primary key (session_key, role)
);
alter table private.signup_counts enable row level security;

-- ─── helpers ────────────────────────────────────────────────────────────────────────────────

create function private.sha256(p text) returns text language sql immutable set search_path = '' as $$
  select encode(extensions.digest(p, 'sha256'), 'hex')
$$;

/** Raises with a hint the app turns into a translated message (PostgREST passes hints on). */
create function private.refuse(p_hint text, p_code text default 'P0001') returns void
language plpgsql set search_path = '' as $$
begin
  raise exception 'Sign-up refused: %', p_hint using errcode = p_code, hint = p_hint;
end;
$$;

/** The places taken (confirmed or attended) for a session or series and a role. */
create function private.taken(p_activity uuid, p_session uuid, p_role public.signup_role)
returns integer language sql stable set search_path = '' as $$
  select count(*)::integer from private.signups
  where activity_id = p_activity and session_id is not distinct from p_session and role = p_role
    and status in ('confirmed', 'attended')
$$;

/** Everything a sign-up's e-mails need to say, apart from the person. */
create function private.mail_data(s private.signups) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'activity', a.title, 'organization', o.name, 'discreet', o.discreet,
    'activity_id', a.id, 'session_id', s.session_id, 'signup_id', s.id,
    'starts_at', coalesce(ss.starts_at, (select min(x.starts_at) from public.sessions x where x.activity_id = a.id and x.starts_at > now())),
    'ends_at', coalesce(ss.ends_at, (select min(x.ends_at) from public.sessions x where x.activity_id = a.id and x.starts_at > now())),
    'timezone', a.timezone, 'venue', a.venue, 'address', a.address, 'city', a.city, 'online', a.online,
    'series', s.session_id is null, 'status', s.status, 'role', s.role, 'name', s.chosen_name)
  from public.activities a
  join public.organizations o on o.id = a.organization_id
  left join public.sessions ss on ss.id = s.session_id
  where a.id = s.activity_id
$$;

/** Queues an e-mail to the sign-up's address (when it has one), in its language. */
create function private.mail(s private.signups, p_template text, p_extra jsonb default '{}')
returns void language sql set search_path = '' as $$
  insert into private.outbox (template, locale, to_email, data)
  select p_template, s.locale, s.email, private.mail_data(s) || p_extra
  where s.email is not null
$$;

/** Confirms the first in line for a freed place, if any: exactly once, under the caller's lock. */
create function private.promote_next(p_activity uuid, p_session uuid, p_role public.signup_role)
returns uuid language plpgsql set search_path = '' as $$
declare
  a public.activities;
  s private.signups;
  capacity integer;
begin
  select * into a from public.activities where id = p_activity;
  capacity := case when p_role = 'helper' then a.helper_places else a.capacity end;
  if capacity is not null and private.taken(p_activity, p_session, p_role) >= capacity then
    return null;
  end if;
  select * into s from private.signups
  where activity_id = p_activity and session_id is not distinct from p_session and role = p_role
    and status = 'waitlisted'
  order by seq limit 1 for update;
  if s.id is null then return null; end if;
  update private.signups set status = 'confirmed', promoted_at = now() where id = s.id returning * into s;
  perform private.mail(s, 'signup_promoted');
  return s.id;
end;
$$;

/** Locks the row that guards a sign-up's places: the session, or the activity for a series. */
create function private.lock_places(p_activity uuid, p_session uuid) returns void
language plpgsql set search_path = '' as $$
begin
  if p_session is null then
    perform 1 from public.activities where id = p_activity for update;
  else
    perform 1 from public.sessions where id = p_session for update;
  end if;
end;
$$;

/** Cancels a sign-up and gives its place to the first in line, in the same transaction. */
create function private.cancel(p_id uuid) returns private.signups
language plpgsql set search_path = '' as $$
declare
  s private.signups;
  was public.signup_status;
begin
  select * into s from private.signups where id = p_id;
  if s.id is null then return null; end if;
  perform private.lock_places(s.activity_id, s.session_id);
  select * into s from private.signups where id = p_id for update;
  was := s.status;
  if was not in ('confirmed', 'waitlisted') then
    return s; -- already cancelled (or attended): cancelling twice changes nothing
  end if;
  update private.signups set status = 'cancelled', cancelled_at = now() where id = p_id returning * into s;
  if was = 'confirmed' then
    perform private.promote_next(s.activity_id, s.session_id, s.role);
  end if;
  return s;
end;
$$;

/** The place in the waiting list (1 = next), or null. */
create function private.position(s private.signups) returns integer
language sql stable set search_path = '' as $$
  select case when s.status = 'waitlisted' then (
    select count(*)::integer + 1 from private.signups w
    where w.activity_id = s.activity_id and w.session_id is not distinct from s.session_id
      and w.role = s.role and w.status = 'waitlisted' and w.seq < s.seq) end
$$;

-- ─── the participant's side ─────────────────────────────────────────────────────────────────

/**
 * Signs up for a session (or, with p_session null, the whole series). Confirms while places
 * remain, else waitlists (first in, first out), else refuses ('full'). The same idempotency key
 * twice is one sign-up: the second call answers with the first. security definer: sign-ups live
 * in `private`; the caller is anyone, so every rule is checked here.
 */
create function public.sign_up(
  p_activity uuid,
  p_session uuid,
  p_name text,
  p_email text,
  p_phone text,
  p_note text,
  p_first_time boolean,
  p_reminder boolean,
  p_role public.signup_role,
  p_consent_version text,
  p_idempotency_key uuid,
  p_token text,
  p_locale text default 'nb'
) returns table (signup_id uuid, status public.signup_status, waitlist_position integer, repeated boolean)
language plpgsql security definer set search_path = ''
as $$
declare
  a public.activities;
  ss public.sessions;
  o public.organizations;
  s private.signups;
  capacity integer;
  first_start timestamptz;
  new_status public.signup_status;
begin
  select * into s from private.signups where idempotency_key = p_idempotency_key;
  if s.id is not null then
    return query select s.id, s.status, private.position(s), true;
    return;
  end if;
  if p_consent_version is null or btrim(p_consent_version) = '' then
    perform private.refuse('consent_required', '22023');
  end if;
  if nullif(btrim(coalesce(p_email, '')), '') is null and nullif(btrim(coalesce(p_phone, '')), '') is null then
    perform private.refuse('contact_required', '22023');
  end if;
  if p_token is null or char_length(p_token) < 22 then
    perform private.refuse('bad_token', '22023');
  end if;
  select * into a from public.activities where id = p_activity;
  select * into o from public.organizations where id = a.organization_id;
  if a.id is null or a.status <> 'published' or o.status <> 'approved' then
    perform private.refuse('not_found', 'P0002');
  end if;
  if a.signup_mode = 'none' then perform private.refuse('no_signup'); end if;
  if (a.signup_mode = 'whole_series') <> (p_session is null) then perform private.refuse('wrong_mode', '22023'); end if;
  if p_role = 'helper' and a.helper_places = 0 then perform private.refuse('no_helpers', '22023'); end if;

  -- The lock that makes capacity exact: every sign-up for these places waits here in turn.
  perform private.lock_places(p_activity, p_session);
  select * into s from private.signups where idempotency_key = p_idempotency_key;
  if s.id is not null then
    return query select s.id, s.status, private.position(s), true;
    return;
  end if;

  if p_session is not null then
    select * into ss from public.sessions where id = p_session and activity_id = p_activity;
    if ss.id is null then perform private.refuse('not_found', 'P0002'); end if;
    if ss.status = 'cancelled' then perform private.refuse('session_cancelled'); end if;
    first_start := ss.starts_at;
  else
    select min(starts_at) into first_start from public.sessions
    where activity_id = p_activity and status = 'scheduled';
  end if;
  if first_start is null or now() > first_start - make_interval(hours => a.signup_closes_hours_before) then
    perform private.refuse('closed');
  end if;
  if a.signup_opens_days_before is not null and now() < first_start - make_interval(days => a.signup_opens_days_before) then
    perform private.refuse('not_open');
  end if;

  capacity := case when p_role = 'helper' then a.helper_places else a.capacity end;
  if capacity is null or private.taken(p_activity, p_session, p_role) < capacity then
    new_status := 'confirmed';
  elsif a.waitlist then
    new_status := 'waitlisted';
  else
    perform private.refuse('full');
  end if;

  begin
    insert into private.signups (activity_id, session_id, role, status, chosen_name, email, phone, note,
      first_time, reminder, locale, consent_version, idempotency_key, manage_token_hash, user_id)
    values (p_activity, p_session, p_role, new_status, btrim(p_name), nullif(lower(btrim(p_email)), ''),
      nullif(btrim(p_phone), ''), nullif(btrim(p_note), ''), coalesce(p_first_time, false),
      coalesce(p_reminder, false), case when p_locale = 'en' then 'en' else 'nb' end,
      p_consent_version, p_idempotency_key, private.sha256(p_token), (select auth.uid()))
    returning * into s;
  exception when unique_violation then
    perform private.refuse('already_signed_up', '23505');
  end;

  insert into private.signup_counts as c (activity_id, session_key, role, signups, first_timers)
  values (p_activity, coalesce(p_session, p_activity), p_role, 1, case when s.first_time then 1 else 0 end)
  on conflict (session_key, role) do update
    set signups = c.signups + 1, first_timers = c.first_timers + excluded.first_timers;

  perform private.mail(s, 'signup_' || new_status::text, jsonb_build_object('token', p_token));
  return query select s.id, s.status, private.position(s), false;
end;
$$;

/** What a manage link shows: the sign-up, its place in line, and what it is for; or `deleted`. */
create function public.signup_by_token(p_token text)
returns table (signup_id uuid, status public.signup_status, waitlist_position integer, deleted boolean,
  role public.signup_role, chosen_name text, email text, phone text, note text, first_time boolean,
  reminder boolean, activity_id uuid, activity_title text, organization_name text,
  session_id uuid, starts_at timestamptz, ends_at timestamptz, session_status public.session_status,
  timezone text, venue text, address text, city text, online boolean, created_at timestamptz)
language sql stable security definer set search_path = ''
as $$
  select s.id, s.status, private.position(s), s.purged_at is not null, s.role,
         s.chosen_name, s.email, s.phone, s.note, s.first_time, s.reminder,
         a.id, a.title, o.name, s.session_id,
         coalesce(ss.starts_at, (select min(x.starts_at) from public.sessions x where x.activity_id = a.id and x.status = 'scheduled' and x.ends_at > now())),
         coalesce(ss.ends_at, (select min(x.ends_at) from public.sessions x where x.activity_id = a.id and x.status = 'scheduled' and x.ends_at > now())),
         ss.status, a.timezone, a.venue, a.address, a.city, a.online, s.created_at
  from private.signups s
  join public.activities a on a.id = s.activity_id
  join public.organizations o on o.id = a.organization_id
  left join public.sessions ss on ss.id = s.session_id
  where s.manage_token_hash = private.sha256(p_token)
$$;

/** Cancels the sign-up of a manage link; the first in line gets the place. Twice is once. */
create function public.cancel_signup_by_token(p_token text)
returns public.signup_status
language plpgsql security definer set search_path = ''
as $$
declare
  s private.signups;
begin
  select * into s from private.signups where manage_token_hash = private.sha256(p_token);
  if s.id is null then perform private.refuse('not_found', 'P0002'); end if;
  s := private.cancel(s.id);
  return s.status;
end;
$$;

/** Deletes the person's data now (cancelling first, so the place goes to the next in line). */
create function public.erase_signup_by_token(p_token text) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  s private.signups;
begin
  select * into s from private.signups where manage_token_hash = private.sha256(p_token);
  if s.id is null then perform private.refuse('not_found', 'P0002'); end if;
  perform private.cancel(s.id);
  update private.signups
  set chosen_name = null, email = null, phone = null, note = null, user_id = null, purged_at = now()
  where id = s.id;
  delete from private.outbox where sent_at is null and data ->> 'signup_id' = s.id::text;
end;
$$;

-- ─── the public's side: counts only ─────────────────────────────────────────────────────────

/** Places left per session of a published activity (null = no limit), never who took them. */
create function public.places_left(p_activity uuid)
returns table (session_id uuid, places_left integer, waitlisted integer, helper_places_left integer)
language sql stable security definer set search_path = ''
as $$
  select x.id,
         case when a.capacity is null then null else greatest(a.capacity - private.taken(a.id, x.id, 'participant'), 0) end,
         (select count(*)::integer from private.signups w where w.activity_id = a.id and w.session_id is not distinct from x.id and w.status = 'waitlisted' and w.role = 'participant'),
         greatest(a.helper_places - private.taken(a.id, x.id, 'helper'), 0)
  from public.activities a
  join public.organizations o on o.id = a.organization_id and o.status = 'approved'
  cross join lateral (
    select s.id from public.sessions s where s.activity_id = a.id and a.signup_mode = 'per_session' and s.ends_at > now()
    union all select null::uuid where a.signup_mode = 'whole_series'
  ) x
  where a.id = p_activity and a.status = 'published'
$$;

-- ─── the organizer's side ───────────────────────────────────────────────────────────────────

/** Refuses unless the caller organizes for the activity's organization; returns that organization. */
create function private.organizer_of(p_activity uuid, p_names boolean) returns uuid
language plpgsql stable set search_path = '' as $$
declare
  org uuid;
begin
  select organization_id into org from public.activities where id = p_activity;
  if org is null or not public.is_member(org) then
    perform private.refuse('forbidden', '42501');
  end if;
  -- Names and contacts need a session confirmed with an authenticator, always.
  if p_names and coalesce((select auth.jwt() ->> 'aal'), '') <> 'aal2' then
    perform private.refuse('aal2_required', '42501');
  end if;
  return org;
end;
$$;

/** Counts per session for an organizer (no names: a password session is enough). */
create function public.signup_counts(p_activity uuid)
returns table (session_id uuid, confirmed integer, waitlisted integer, helpers integer,
  first_timers integer, attended integer, no_shows integer)
language plpgsql stable security definer set search_path = ''
as $$
begin
  perform private.organizer_of(p_activity, false);
  return query
  select s.session_id,
         count(*) filter (where s.status in ('confirmed', 'attended', 'no_show') and s.role = 'participant')::integer,
         count(*) filter (where s.status = 'waitlisted')::integer,
         count(*) filter (where s.status in ('confirmed', 'attended', 'no_show') and s.role = 'helper')::integer,
         count(*) filter (where s.first_time and s.status in ('confirmed', 'attended', 'no_show'))::integer,
         count(*) filter (where s.status = 'attended')::integer,
         count(*) filter (where s.status = 'no_show')::integer
  from private.signups s where s.activity_id = p_activity
  group by s.session_id;
end;
$$;

/**
 * The attendee and waiting lists of a session (or series, p_session null) with names and
 * contacts: organizers with aal2 only, and each call is written to the audit log.
 */
create function public.session_signups(p_activity uuid, p_session uuid, p_purpose text default 'list')
returns table (signup_id uuid, role public.signup_role, status public.signup_status,
  waitlist_position integer, chosen_name text, email text, phone text, note text,
  first_time boolean, created_at timestamptz)
language plpgsql volatile security definer set search_path = ''
as $$
declare
  org uuid := private.organizer_of(p_activity, true);
  n integer;
begin
  if p_purpose not in ('list', 'export') then perform private.refuse('bad_purpose', '22023'); end if;
  select count(*) into n from private.signups s
  where s.activity_id = p_activity and s.session_id is not distinct from p_session;
  insert into private.attendee_reads (organization_id, activity_id, session_id, user_id, what, rows)
  values (org, p_activity, p_session, (select auth.uid()), p_purpose, n);
  return query
  select s.id, s.role, s.status, private.position(s), s.chosen_name, s.email, s.phone, s.note,
         s.first_time, s.created_at
  from private.signups s
  where s.activity_id = p_activity and s.session_id is not distinct from p_session
    and s.purged_at is null
  order by s.role, case s.status when 'waitlisted' then 1 when 'cancelled' then 2 else 0 end, s.seq;
end;
$$;

/** An organizer's change to one sign-up: attended, no-show, remove, or promote by hand. */
create function public.update_signup(p_signup uuid, p_action text) returns public.signup_status
language plpgsql security definer set search_path = ''
as $$
declare
  s private.signups;
begin
  select * into s from private.signups where id = p_signup;
  if s.id is null then perform private.refuse('not_found', 'P0002'); end if;
  perform private.organizer_of(s.activity_id, true);
  perform public.require_second_factor();
  if p_action in ('attended', 'no_show') then
    if s.status not in ('confirmed', 'attended', 'no_show') then perform private.refuse('not_confirmed'); end if;
    update private.signups set status = p_action::public.signup_status where id = s.id returning * into s;
    update private.signup_counts c set attended = (
      select count(*) from private.signups x where x.activity_id = s.activity_id
        and x.session_id is not distinct from s.session_id and x.role = s.role and x.status = 'attended')
    where c.session_key = coalesce(s.session_id, s.activity_id) and c.role = s.role;
  elsif p_action = 'remove' then
    s := private.cancel(s.id);
  elsif p_action = 'promote' then
    if s.status <> 'waitlisted' then perform private.refuse('not_waitlisted'); end if;
    perform private.lock_places(s.activity_id, s.session_id);
    update private.signups set status = 'confirmed', promoted_at = now() where id = s.id returning * into s;
    perform private.mail(s, 'signup_promoted');
  else
    perform private.refuse('bad_action', '22023');
  end if;
  return s.status;
end;
$$;

/** A message from the organizer to everyone signed up (confirmed and waiting), through the outbox. */
create function public.message_signups(p_activity uuid, p_session uuid, p_subject text, p_body text)
returns integer language plpgsql security definer set search_path = ''
as $$
declare
  org uuid := private.organizer_of(p_activity, true);
  n integer;
begin
  perform public.require_second_factor();
  if char_length(btrim(coalesce(p_subject, ''))) not between 2 and 120
     or char_length(btrim(coalesce(p_body, ''))) not between 2 and 5000 then
    perform private.refuse('bad_message', '22023');
  end if;
  insert into private.outbox (template, locale, to_email, data)
  select 'organizer_message', s.locale, s.email,
         private.mail_data(s) || jsonb_build_object('subject', btrim(p_subject), 'body', btrim(p_body))
  from private.signups s
  where s.activity_id = p_activity and s.session_id is not distinct from p_session
    and s.status in ('confirmed', 'waitlisted') and s.email is not null;
  get diagnostics n = row_count;
  insert into private.attendee_reads (organization_id, activity_id, session_id, user_id, what, rows)
  values (org, p_activity, p_session, (select auth.uid()), 'message', n);
  return n;
end;
$$;

/** The audit log of attendee reads, for the organization's owners and admins. */
create function public.attendee_audit(p_organization uuid, p_limit integer default 200)
returns table (at timestamptz, email text, what text, activity_title text, session_starts_at timestamptz, rows integer)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if not public.can_manage(p_organization) then perform private.refuse('forbidden', '42501'); end if;
  perform public.require_second_factor();
  return query
  select r.at, u.email::text, r.what, a.title, ss.starts_at, r.rows
  from private.attendee_reads r
  left join auth.users u on u.id = r.user_id
  left join public.activities a on a.id = r.activity_id
  left join public.sessions ss on ss.id = r.session_id
  where r.organization_id = p_organization
  order by r.at desc
  limit least(greatest(p_limit, 1), 1000);
end;
$$;

/** Headcounts per session that survive the purge, for reports: counts only, never people. */
create function public.activity_headcounts(p_activity uuid)
returns table (session_id uuid, starts_at timestamptz, session_status public.session_status,
  role public.signup_role, signups integer, first_timers integer, attended integer)
language plpgsql stable security definer set search_path = ''
as $$
begin
  perform private.organizer_of(p_activity, false);
  return query
  select nullif(c.session_key, p_activity), ss.starts_at, ss.status, c.role, c.signups, c.first_timers, c.attended
  from private.signup_counts c
  left join public.sessions ss on ss.id = c.session_key
  where c.activity_id = p_activity
  order by ss.starts_at nulls first, c.role;
end;
$$;

/** Failed e-mails of an organization's sign-ups (24 hours or more), for its owners and admins. */
create function public.failed_mails(p_organization uuid)
returns table (id bigint, template text, created_at timestamptz, attempts integer, last_error text)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if not public.can_manage(p_organization) then perform private.refuse('forbidden', '42501'); end if;
  return query
  select m.id, m.template, m.created_at, m.attempts, m.last_error from private.outbox m
  join public.activities a on a.id = (m.data ->> 'activity_id')::uuid
  where a.organization_id = p_organization and m.sent_at is null and m.created_at < now() - interval '24 hours'
  order by m.created_at desc limit 100;
end;
$$;

-- ─── time: reminders and the purge ──────────────────────────────────────────────────────────

/** Queues reminders for opted-in sign-ups whose session starts within the next 24 hours. */
create function public.queue_reminders(p_now timestamptz default now()) returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  n integer;
begin
  with due as (
    update private.signups s set reminded_at = p_now
    from public.sessions ss
    where ss.id = s.session_id and s.reminder and s.reminded_at is null
      and s.status = 'confirmed' and s.email is not null and ss.status = 'scheduled'
      and ss.starts_at > p_now and ss.starts_at <= p_now + interval '24 hours'
    returning s.*
  )
  insert into private.outbox (template, locale, to_email, data)
  select 'signup_reminder', d.locale, d.email, private.mail_data(d::private.signups) from due d;
  get diagnostics n = row_count;
  return n;
end;
$$;

/**
 * Deletes names, contacts and notes of sign-ups whose session (or series) ended more than the
 * organization's retention days ago, with the unsent or sent e-mails that carried them. Counts
 * stay (signup_counts). Run by the app's server on a timer, and usable from pg_cron.
 */
create function public.purge_signups(p_now timestamptz default now()) returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  n integer;
begin
  with ended as (
    select s.id from private.signups s
    join public.activities a on a.id = s.activity_id
    join public.organizations o on o.id = a.organization_id
    left join public.sessions ss on ss.id = s.session_id
    where s.purged_at is null
      and coalesce(ss.ends_at, (select max(x.ends_at) from public.sessions x where x.activity_id = a.id))
          < p_now - make_interval(days => o.retention_days)
  ), scrubbed as (
    update private.signups s
    set chosen_name = null, email = null, phone = null, note = null, user_id = null, purged_at = p_now
    from ended e where s.id = e.id
    returning s.id
  )
  delete from private.outbox m using scrubbed x where m.data ->> 'signup_id' = x.id::text;
  select count(*) into n from private.signups where purged_at = p_now;
  return n;
end;
$$;

-- ─── sessions and sign-ups together ─────────────────────────────────────────────────────────

/** A session that moves or is cancelled tells everyone signed up for it. */
create function private.session_changed() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.status = 'cancelled' and old.status <> 'cancelled' then
    insert into private.outbox (template, locale, to_email, data)
    select 'session_cancelled', s.locale, s.email,
           private.mail_data(s) || jsonb_build_object('reason', new.cancel_reason, 'sequence', extract(epoch from now())::bigint)
    from private.signups s where s.session_id = new.id and s.status in ('confirmed', 'waitlisted') and s.email is not null;
  elsif new.status = 'scheduled' and (new.starts_at, new.ends_at) is distinct from (old.starts_at, old.ends_at) then
    insert into private.outbox (template, locale, to_email, data)
    select 'session_moved', s.locale, s.email,
           private.mail_data(s) || jsonb_build_object('old_starts_at', old.starts_at, 'sequence', extract(epoch from now())::bigint)
    from private.signups s where s.session_id = new.id and s.status in ('confirmed', 'waitlisted') and s.email is not null;
  end if;
  return new;
end;
$$;

create trigger sessions_notify_signups after update on public.sessions
  for each row execute function private.session_changed();

-- sync_sessions: never delete a session that has sign-ups (it is kept as it is).
create or replace function public.sync_sessions(p_activity uuid, p_occurrences jsonb, p_from timestamptz default now())
returns integer
language plpgsql
security invoker
set search_path = ''
-- security invoker: Row Level Security decides, as for any member's own edit of the sessions.
as $$
declare
  changed integer := 0;
  n integer;
begin
  if not exists (select 1 from public.activities where id = p_activity) then
    raise exception 'No such activity' using errcode = 'P0002';
  end if;

  with wanted as (
    select (o ->> 'occurrence_date')::date as occurrence_date,
           (o ->> 'starts_at')::timestamptz as starts_at,
           (o ->> 'ends_at')::timestamptz as ends_at
    from jsonb_array_elements(p_occurrences) o
  )
  insert into public.sessions (activity_id, occurrence_date, starts_at, ends_at)
  select p_activity, occurrence_date, starts_at, ends_at from wanted
  on conflict (activity_id, occurrence_date) do update
    set starts_at = excluded.starts_at, ends_at = excluded.ends_at
    where not public.sessions.edited
      and (public.sessions.starts_at, public.sessions.ends_at) is distinct from (excluded.starts_at, excluded.ends_at);
  get diagnostics n = row_count;
  changed := changed + n;

  delete from public.sessions s
  where s.activity_id = p_activity
    and not s.edited
    and s.starts_at > greatest(now(), p_from)
    and not public.session_has_signups(s.id)
    and s.occurrence_date not in (
      select (o ->> 'occurrence_date')::date from jsonb_array_elements(p_occurrences) o
    );
  get diagnostics n = row_count;
  return changed + n;
end;
$$;

/**
 * Whether anyone holds or held a place for a session — answered for the organization's own
 * members (and the server) only. security definer: sign-ups live in `private`.
 */
create function public.session_has_signups(p_session uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from private.signups s
    join public.activities a on a.id = s.activity_id
    where s.session_id = p_session
      and (public.is_member(a.organization_id) or (select auth.role()) = 'service_role')
  )
$$;

revoke execute on all functions in schema private from public, anon, authenticated;

-- Grants: the participant's functions to everyone; the organizer's to signed-in users (each
-- checks membership); time jobs to the server only.
revoke execute on function public.sign_up, public.signup_by_token, public.cancel_signup_by_token,
  public.erase_signup_by_token, public.places_left, public.signup_counts, public.session_signups,
  public.update_signup, public.message_signups, public.attendee_audit, public.activity_headcounts,
  public.failed_mails, public.queue_reminders, public.purge_signups, public.session_has_signups
  from public, anon, authenticated;
grant execute on function public.sign_up, public.signup_by_token, public.cancel_signup_by_token,
  public.erase_signup_by_token, public.places_left to anon, authenticated, service_role;
grant execute on function public.signup_counts, public.session_signups, public.update_signup,
  public.message_signups, public.attendee_audit, public.activity_headcounts, public.failed_mails,
  public.session_has_signups to authenticated, service_role;
grant execute on function public.queue_reminders, public.purge_signups to service_role;
