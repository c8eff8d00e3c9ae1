-- The organizer's side of sign-ups, found through the indexes (issue 14): the attendee list, an
-- attendance mark and a message to everyone signed up each read the sign-ups of one session (or
-- series) with `session_id is not distinct from p_session`, which no index serves, so each
-- scanned every sign-up of every organization. They now read them through private.place_signups
-- (migration …180100), one index scan each. Same bodies otherwise, same privileges.

/**
 * The attendee and waiting lists of a session (or series, p_session null) with names and
 * contacts: organizers with aal2 only, and each call is written to the audit log.
 */
create or replace function public.session_signups(p_activity uuid, p_session uuid, p_purpose text default 'list')
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
  select count(*) into n from private.place_signups(p_activity, p_session) s;
  insert into private.attendee_reads (organization_id, activity_id, session_id, user_id, what, rows)
  values (org, p_activity, p_session, (select auth.uid()), p_purpose, n);
  return query
  select s.id, s.role, s.status, private.position(s), s.chosen_name, s.email, s.phone, s.note,
         s.first_time, s.created_at
  from private.place_signups(p_activity, p_session) s
  where s.purged_at is null
  order by s.role, case s.status when 'waitlisted' then 1 when 'cancelled' then 2 else 0 end, s.seq;
end;
$$;

/** An organizer's change to one sign-up: attended, no-show, remove, or promote by hand. */
create or replace function public.update_signup(p_signup uuid, p_action text) returns public.signup_status
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
      select count(*) from private.place_signups(s.activity_id, s.session_id) x
      where x.role = s.role and x.status = 'attended')
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
create or replace function public.message_signups(p_activity uuid, p_session uuid, p_subject text, p_body text)
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
  from private.place_signups(p_activity, p_session) s
  where s.status in ('confirmed', 'waitlisted') and s.email is not null;
  get diagnostics n = row_count;
  insert into private.attendee_reads (organization_id, activity_id, session_id, user_id, what, rows)
  values (org, p_activity, p_session, (select auth.uid()), 'message', n);
  return n;
end;
$$;
