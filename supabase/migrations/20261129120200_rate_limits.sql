-- Limits that hold across every app instance: counted in Postgres, not in a server's memory.
-- The app counts log-in and e-mail requests per visitor address, per account and per e-mail
-- address through take_rate_limit() (secret key only: an API caller could otherwise use up
-- someone else's allowance). Invitations are limited inside invite_member itself, at the source.

create table private.rate_limit_hits (
  key text not null,
  at timestamptz not null default now()
);

create index rate_limit_hits_key_at_idx on private.rate_limit_hits (key, at);

alter table private.rate_limit_hits enable row level security;

/** Records one attempt under `p_key`; false (and nothing recorded) once `p_max` are used in the window. */
create function private.take_rate_limit(p_key text, p_max integer, p_window_seconds integer)
returns boolean
language plpgsql set search_path = ''
as $$
declare
  used integer;
begin
  if p_key is null or char_length(p_key) > 400 or p_max < 1
     or p_window_seconds not between 1 and 604800 then
    raise exception 'Invalid rate limit' using errcode = '22023';
  end if;
  -- One attempt at a time per key, so parallel requests cannot all see the last free place.
  perform pg_advisory_xact_lock(hashtextextended('rate_limit:' || p_key, 0));
  delete from private.rate_limit_hits
  where key = p_key and at <= now() - make_interval(secs => p_window_seconds);
  select count(*) into used from private.rate_limit_hits where key = p_key;
  if used >= p_max then
    return false;
  end if;
  insert into private.rate_limit_hits (key) values (p_key);
  -- Keys that are never used again would stay for ever: now and then, forget week-old hits.
  if random() < 0.01 then
    delete from private.rate_limit_hits where at < now() - interval '7 days';
  end if;
  return true;
end;
$$;

revoke execute on function private.take_rate_limit(text, integer, integer) from public;

/** The app server's entry to take_rate_limit (service_role only). */
create function public.take_rate_limit(p_key text, p_max integer, p_window_seconds integer)
returns boolean
language sql security definer set search_path = ''
-- security definer: the counters live in `private`, which no API role reaches.
as $$
  select private.take_rate_limit(p_key, p_max, p_window_seconds)
$$;

revoke execute on function public.take_rate_limit(text, integer, integer) from public, anon, authenticated;
grant execute on function public.take_rate_limit(text, integer, integer) to service_role;

/**
 * Invites `p_email` to an organization (owners and admins, with the second factor). At most 20
 * invitations a day per organization and per inviter (429 beyond). Writes the invitation and
 * its e-mail in one transaction. `p_token_hash` is the SHA-256 of the link's token, which the
 * caller made and puts only in the e-mail data.
 */
create or replace function public.invite_member(
  p_organization uuid, p_email text, p_role public.member_role, p_token_hash text,
  p_token text, p_locale text default 'nb'
) returns public.invitations
language plpgsql security definer set search_path = ''
-- security definer: writes the outbox, which no API role may touch.
as $$
declare
  inv public.invitations;
  org_name text;
begin
  if not public.can_manage(p_organization) then
    raise exception 'Only owners and admins can invite members' using errcode = '42501';
  end if;
  perform public.require_second_factor();
  if p_role = 'owner' and public.my_role(p_organization) <> 'owner' then
    raise exception 'Only an owner can invite an owner' using errcode = '42501';
  end if;
  if encode(extensions.digest(p_token, 'sha256'), 'hex') <> p_token_hash then
    raise exception 'Token and hash do not match' using errcode = '22023';
  end if;
  if not private.take_rate_limit('invite:organization:' || p_organization, 20, 86400)
     or not private.take_rate_limit('invite:user:' || (select auth.uid()), 20, 86400) then
    raise exception 'Too many invitations today' using errcode = 'PT429';
  end if;
  select name into org_name from public.organizations where id = p_organization;
  delete from public.invitations
  where organization_id = p_organization and lower(email) = lower(p_email) and accepted_at is null;
  insert into public.invitations (organization_id, email, role, token_hash, invited_by)
  values (p_organization, lower(p_email), p_role, p_token_hash, (select auth.uid()))
  returning * into inv;
  insert into private.outbox (template, locale, to_email, data)
  values ('invitation', coalesce(p_locale, 'nb'), lower(p_email),
          jsonb_build_object('organization', org_name, 'token', p_token, 'role', p_role));
  return inv;
end;
$$;

/**
 * Marks an e-mail sent, or failed: retried with exponential backoff (1 min, 2, 4 … 6 h). Once
 * sent, the link's token is scrubbed: only the invitee's mailbox keeps it.
 */
create or replace function public.outbox_report(p_id bigint, p_error text default null) returns void
language sql security definer set search_path = ''
as $$
  update private.outbox
  set sent_at = case when p_error is null then now() end,
      data = case when p_error is null then data - 'token' else data end,
      last_error = p_error,
      locked_until = null,
      next_attempt_at = case when p_error is null then next_attempt_at
        else now() + least(interval '6 hours', interval '1 minute' * power(2, greatest(attempts - 1, 0))) end
  where id = p_id
$$;
