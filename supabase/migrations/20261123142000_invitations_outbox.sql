-- Invitations to join an organization, and the outbox that carries every e-mail the app sends.
-- An e-mail is written to the outbox in the same transaction as the change that causes it; the
-- app's sender delivers it with retries, so nothing is lost while SMTP is down. The outbox lives
-- in `private`, which the REST API does not expose: only the functions below reach it.

create schema if not exists private;
revoke all on schema private from public, anon, authenticated;
grant usage on schema private to service_role;

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  email text not null check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and char_length(email) <= 255),
  role public.member_role not null default 'organizer',
  -- SHA-256 of the token in the invitation link; the token itself is only in the e-mail.
  token_hash text not null unique,
  invited_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '14 days',
  accepted_at timestamptz
);

create unique index invitations_open_idx on public.invitations (organization_id, lower(email)) where accepted_at is null;

alter table public.invitations enable row level security;

create policy "Owners and admins see their organization's invitations"
  on public.invitations for select to authenticated
  using ((select public.can_manage(organization_id)));

create policy "Owners and admins withdraw invitations"
  on public.invitations for delete to authenticated
  using ((select public.can_manage(organization_id)));

create table private.outbox (
  id bigint generated always as identity primary key,
  -- What to send; the app renders it in `locale` (e-mails are translated like pages).
  template text not null,
  locale text not null default 'nb' check (locale in ('nb', 'en')),
  to_email text not null,
  data jsonb not null default '{}',
  created_at timestamptz not null default now(),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  locked_until timestamptz,
  sent_at timestamptz,
  last_error text
);

create index outbox_due_idx on private.outbox (next_attempt_at) where sent_at is null;

alter table private.outbox enable row level security;

/**
 * Invites `p_email` to an organization (owners and admins). Writes the invitation and its
 * e-mail in one transaction. `p_token_hash` is the SHA-256 of the link's token, which the
 * caller made and puts only in the e-mail data.
 */
create function public.invite_member(
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
  if p_role = 'owner' and public.my_role(p_organization) <> 'owner' then
    raise exception 'Only an owner can invite an owner' using errcode = '42501';
  end if;
  if encode(extensions.digest(p_token, 'sha256'), 'hex') <> p_token_hash then
    raise exception 'Token and hash do not match' using errcode = '22023';
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

/** Accepts an invitation by its token, as the signed-in user whose e-mail it was sent to. */
create function public.accept_invitation(p_token text) returns public.memberships
language plpgsql security definer set search_path = ''
-- security definer: the invitee cannot read the invitation or write memberships directly.
as $$
declare
  inv public.invitations;
  m public.memberships;
begin
  select * into inv from public.invitations
  where token_hash = encode(extensions.digest(p_token, 'sha256'), 'hex')
    and accepted_at is null and expires_at > now()
  for update;
  if inv.id is null or lower(inv.email) <> lower(coalesce((select auth.email()), '')) then
    raise exception 'The invitation is used, expired, or for another e-mail address' using errcode = 'P0002';
  end if;
  update public.invitations set accepted_at = now() where id = inv.id;
  insert into public.memberships (organization_id, user_id, role)
  values (inv.organization_id, (select auth.uid()), inv.role)
  on conflict (organization_id, user_id) do update set role = excluded.role
  returning * into m;
  return m;
end;
$$;

/** The sender takes up to `p_limit` due e-mails, and holds them for two minutes. */
create function public.outbox_claim(p_limit integer default 20)
returns setof private.outbox
language sql security definer set search_path = ''
-- security definer: the outbox is in `private`; only the server (service_role) may call this.
as $$
  update private.outbox o set locked_until = now() + interval '2 minutes', attempts = o.attempts + 1
  where o.id in (
    select id from private.outbox
    where sent_at is null and next_attempt_at <= now() and (locked_until is null or locked_until < now())
    order by id limit p_limit for update skip locked
  )
  returning o.*
$$;

/** Marks an e-mail sent, or failed: retried with exponential backoff (1 min, 2, 4 … 6 h). */
create function public.outbox_report(p_id bigint, p_error text default null) returns void
language sql security definer set search_path = ''
as $$
  update private.outbox
  set sent_at = case when p_error is null then now() end,
      last_error = p_error,
      locked_until = null,
      next_attempt_at = case when p_error is null then next_attempt_at
        else now() + least(interval '6 hours', interval '1 minute' * power(2, greatest(attempts - 1, 0))) end
  where id = p_id
$$;

revoke execute on function public.invite_member, public.accept_invitation from public, anon;
grant execute on function public.invite_member, public.accept_invitation to authenticated;
revoke execute on function public.outbox_claim, public.outbox_report from public, anon, authenticated;
grant execute on function public.outbox_claim, public.outbox_report to service_role;
