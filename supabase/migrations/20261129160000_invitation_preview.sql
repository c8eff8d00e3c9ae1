-- What an invitation link may say before anyone signs in: the organization's name and the role
-- offered, for an open and unexpired invitation only. And recovery codes for the second factor:
-- ten one-time codes that let someone who lost their authenticator app back in.

/**
 * The organization's name and the offered role for an invitation's token hash (SHA-256 of the
 * link's token), or no row when the invitation is unknown, used or expired. Nothing else: not
 * the invited address, not who invited. security definer: invitees cannot read invitations
 * (RLS shows them to owners and admins only), and a logged-out invitee must see whom the link
 * is from before deciding to log in or create an account.
 */
create function public.invitation_preview(p_token_hash text)
returns table (organization_name text, role public.member_role)
language sql stable security definer set search_path = ''
as $$
  select o.name, i.role
  from public.invitations i
  join public.organizations o on o.id = i.organization_id
  where i.token_hash = p_token_hash
    and i.accepted_at is null
    and i.expires_at > now()
$$;

revoke execute on function public.invitation_preview(text) from public;
grant execute on function public.invitation_preview(text) to anon, authenticated;

-- Hashes only (SHA-256 of the user's id and the code): the codes themselves are shown once.
create table private.recovery_codes (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  code_hash text not null check (code_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  used_at timestamptz,
  unique (user_id, code_hash)
);

alter table private.recovery_codes enable row level security;

/**
 * Replaces the signed-in user's recovery codes with `p_hashes` (ten SHA-256 hex digests).
 * Needs a session confirmed with an authenticator (aal2): a password alone must not be able to
 * mint a way around the second factor. security definer: private is not exposed to API roles.
 */
create function public.create_recovery_codes(p_hashes text[]) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
begin
  perform public.require_second_factor();
  -- Stricter than require_second_factor: codes exist only beside an authenticator, so the
  -- session must have been confirmed with one (a user without a factor has nothing to recover).
  if me is null or coalesce((select auth.jwt() ->> 'aal'), 'aal1') <> 'aal2' then
    raise exception 'Confirm this session with your authenticator first'
      using errcode = '42501', hint = 'aal2';
  end if;
  if cardinality(p_hashes) is distinct from 10 then
    raise exception 'Ten recovery codes expected' using errcode = '22023';
  end if;
  delete from private.recovery_codes where user_id = me;
  insert into private.recovery_codes (user_id, code_hash)
  select me, h from unnest(p_hashes) as h;
end;
$$;

revoke execute on function public.create_recovery_codes(text[]) from public, anon;
grant execute on function public.create_recovery_codes(text[]) to authenticated;

/**
 * Uses one of `p_user`'s recovery codes: true (and the code is spent) when it was valid and
 * unused, false otherwise. Server only (service_role): the app calls it for the user of the
 * verified session on the code page, where that session is still aal1. security definer:
 * private is not exposed to API roles. The row lock makes a code work once under races too.
 */
create function public.use_recovery_code(p_user uuid, p_hash text) returns boolean
language plpgsql security definer set search_path = ''
as $$
declare
  spent bigint;
begin
  update private.recovery_codes set used_at = now()
  where id = (
    select id from private.recovery_codes
    where user_id = p_user and code_hash = p_hash and used_at is null
    for update
  )
  and used_at is null
  returning id into spent;
  return spent is not null;
end;
$$;

revoke execute on function public.use_recovery_code(uuid, text) from public, anon, authenticated;
grant execute on function public.use_recovery_code(uuid, text) to service_role;
