-- Counting a session's places read every sign-up there is: `session_id is not distinct from
-- p_session` (one predicate for a session and for a whole series) is served by no index, so
-- private.taken, private.position and promote_next scanned all of private.signups, and
-- places_left did so three times for every upcoming date of an activity page. With 20,000
-- sign-ups an activity page cost tens of milliseconds of Postgres time and each sign-up grew
-- slower with every other. The same rules, with the sign-ups of one set of places found through
-- signups_session_idx (a session) or signups_series_idx (a series).

/**
 * The sign-ups for one set of places: a session's, or (p_session null) a whole series'. Two
 * branches, each one index scan, instead of `is not distinct from`, which no index serves.
 */
create function private.place_signups(p_activity uuid, p_session uuid)
returns setof private.signups
language sql stable set search_path = '' as $$
  select * from private.signups
  where p_session is not null and session_id = p_session and activity_id = p_activity
  union all
  select * from private.signups
  where p_session is null and session_id is null and activity_id = p_activity
$$;

revoke execute on function private.place_signups(uuid, uuid) from public, anon, authenticated;

/** The places taken (confirmed or attended) for a session or series and a role. */
create or replace function private.taken(p_activity uuid, p_session uuid, p_role public.signup_role)
returns integer language sql stable set search_path = '' as $$
  select count(*)::integer from private.place_signups(p_activity, p_session)
  where role = p_role and status in ('confirmed', 'attended')
$$;

/** The place in the waiting list (1 = next), or null. */
create or replace function private.position(s private.signups) returns integer
language sql stable set search_path = '' as $$
  select case when s.status = 'waitlisted' then (
    select count(*)::integer + 1 from private.place_signups(s.activity_id, s.session_id) w
    where w.role = s.role and w.status = 'waitlisted' and w.seq < s.seq) end
$$;

/** Confirms the first in line for a freed place, if any: exactly once, under the caller's lock. */
create or replace function private.promote_next(p_activity uuid, p_session uuid, p_role public.signup_role)
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
  -- The caller holds the places' lock (lock_places), so the first in line cannot change between
  -- finding and locking it.
  select * into s from private.signups
  where id = (
    select w.id from private.place_signups(p_activity, p_session) w
    where w.role = p_role and w.status = 'waitlisted'
    order by w.seq limit 1
  )
  for update;
  if s.id is null then return null; end if;
  update private.signups set status = 'confirmed', promoted_at = now() where id = s.id returning * into s;
  perform private.mail(s, 'signup_promoted');
  return s.id;
end;
$$;

/** Places left per session of a published activity (null = no limit), never who took them. */
create or replace function public.places_left(p_activity uuid)
returns table (session_id uuid, places_left integer, waitlisted integer, helper_places_left integer)
language sql stable security definer set search_path = ''
as $$
  select x.id,
         case when a.capacity is null then null else greatest(a.capacity - c.taken, 0) end,
         c.waitlisted,
         greatest(a.helper_places - c.helpers, 0)
  from public.activities a
  join public.organizations o on o.id = a.organization_id and o.status = 'approved'
  cross join lateral (
    select s.id from public.sessions s where s.activity_id = a.id and a.signup_mode = 'per_session' and s.ends_at > now()
    union all select null::uuid where a.signup_mode = 'whole_series'
  ) x
  -- One pass over the place's own sign-ups for all three counts.
  cross join lateral (
    select count(*) filter (where w.role = 'participant' and w.status in ('confirmed', 'attended'))::integer as taken,
           count(*) filter (where w.role = 'participant' and w.status = 'waitlisted')::integer as waitlisted,
           count(*) filter (where w.role = 'helper' and w.status in ('confirmed', 'attended'))::integer as helpers
    from private.place_signups(a.id, x.id) w
  ) c
  where a.id = p_activity and a.status = 'published'
$$;

-- create or replace keeps each function's grants (20261129140000_signups.sql).
