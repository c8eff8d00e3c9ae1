-- A sign-up for a whole series (signup_mode = whole_series) failed with "column reference
-- "status" is ambiguous": sign_up returns a column named `status`, and the unqualified column in
-- the query for the series' first date clashed with it, so every such sign-up ended in an error.
-- The same function, with that one column qualified.

create or replace function public.sign_up(
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
    where activity_id = p_activity and public.sessions.status = 'scheduled';
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

-- create or replace keeps the grants of 20261129140000_signups.sql (anon, authenticated,
-- service_role; not public).
