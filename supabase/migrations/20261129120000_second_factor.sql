-- The second factor is enforced by the database, not only by the app: for a user who has a
-- verified authenticator, every write and every read of other members' contact data needs a
-- session confirmed with it (aal2). Restrictive policies sit beside the permissive ones, and the
-- security definer functions check the same rule, so the REST API with the publishable key
-- cannot go around the app with a password-only session. (Supabase's guide "Enforce MFA".)

/**
 * Whether the caller's session is strong enough to change data: aal2, or a user without a
 * verified authenticator (aal1 is then the highest level they can reach). Anonymous and
 * service-role callers have no factors. security definer: auth.mfa_factors is not readable
 * through the API roles.
 */
create function public.second_factor_satisfied() returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce((select auth.jwt() ->> 'aal'), 'aal1') = 'aal2'
      or not exists (
        select 1 from auth.mfa_factors f
        where f.user_id = (select auth.uid()) and f.status = 'verified'
      )
$$;

revoke execute on function public.second_factor_satisfied() from public;
grant execute on function public.second_factor_satisfied() to anon, authenticated, service_role;

/** Raises 42501 unless second_factor_satisfied(); the first line of every privileged function. */
create function public.require_second_factor() returns void
language plpgsql stable set search_path = ''
as $$
begin
  if not public.second_factor_satisfied() then
    raise exception 'Confirm this session with your authenticator first'
      using errcode = '42501', hint = 'aal2';
  end if;
end;
$$;

revoke execute on function public.require_second_factor() from public, anon;
grant execute on function public.require_second_factor() to authenticated, service_role;

create policy "Writes need the second factor (organizations)"
  on public.organizations as restrictive for update to authenticated
  using ((select public.second_factor_satisfied()));

create policy "Role changes need the second factor"
  on public.memberships as restrictive for update to authenticated
  using ((select public.second_factor_satisfied()));
create policy "Removing members needs the second factor"
  on public.memberships as restrictive for delete to authenticated
  using ((select public.second_factor_satisfied()));

create policy "Creating activities needs the second factor"
  on public.activities as restrictive for insert to authenticated
  with check ((select public.second_factor_satisfied()));
create policy "Editing activities needs the second factor"
  on public.activities as restrictive for update to authenticated
  using ((select public.second_factor_satisfied()));
create policy "Deleting activities needs the second factor"
  on public.activities as restrictive for delete to authenticated
  using ((select public.second_factor_satisfied()));

create policy "Creating sessions needs the second factor"
  on public.sessions as restrictive for insert to authenticated
  with check ((select public.second_factor_satisfied()));
create policy "Editing sessions needs the second factor"
  on public.sessions as restrictive for update to authenticated
  using ((select public.second_factor_satisfied()));
create policy "Deleting sessions needs the second factor"
  on public.sessions as restrictive for delete to authenticated
  using ((select public.second_factor_satisfied()));

create policy "Withdrawing invitations needs the second factor"
  on public.invitations as restrictive for delete to authenticated
  using ((select public.second_factor_satisfied()));

-- The security definer functions bypass RLS as their owner, so each checks the rule itself.

create or replace function public.create_organization(
  p_slug text, p_name text, p_kind public.organization_kind, p_description text default '',
  p_approaches public.approach[] default '{}', p_city text default null, p_region text default null,
  p_contact_email text default null, p_website text default null
) returns public.organizations
language plpgsql security definer set search_path = ''
-- security definer: the caller may not insert organizations or memberships directly.
as $$
declare
  org public.organizations;
begin
  if (select auth.uid()) is null then
    raise exception 'Log in to create an organization' using errcode = '42501';
  end if;
  perform public.require_second_factor();
  insert into public.organizations (slug, name, kind, description, approaches, city, region, contact_email, website)
  values (p_slug, p_name, p_kind, coalesce(p_description, ''), coalesce(p_approaches, '{}'), p_city, p_region, p_contact_email, p_website)
  returning * into org;
  insert into public.memberships (organization_id, user_id, role) values (org.id, (select auth.uid()), 'owner');
  return org;
end;
$$;

create or replace function public.set_organization_status(p_organization uuid, p_status public.organization_status)
returns public.organizations
language plpgsql security definer set search_path = ''
-- security definer: organizations' status is written by nobody else (guard_organization_status).
as $$
declare
  org public.organizations;
begin
  if not public.is_platform_admin() then
    raise exception 'Only a platform admin can approve or suspend an organization' using errcode = '42501';
  end if;
  perform public.require_second_factor();
  update public.organizations
  set status = p_status,
      approved_at = case when p_status = 'approved' then coalesce(approved_at, now()) else approved_at end
  where id = p_organization
  returning * into org;
  if org.id is null then
    raise exception 'No such organization' using errcode = 'P0002';
  end if;
  return org;
end;
$$;

create or replace function public.accept_invitation(p_token text) returns public.memberships
language plpgsql security definer set search_path = ''
-- security definer: the invitee cannot read the invitation or write memberships directly.
as $$
declare
  inv public.invitations;
  m public.memberships;
begin
  perform public.require_second_factor();
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

-- Members' e-mail addresses are contact data: a password-only session of a user with an
-- authenticator gets no rows.
create or replace function public.member_list(p_organization uuid)
returns table (user_id uuid, email text, role public.member_role, joined_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select m.user_id, u.email::text, m.role, m.created_at
  from public.memberships m
  join auth.users u on u.id = m.user_id
  where m.organization_id = p_organization
    and (public.is_member(p_organization) or public.is_platform_admin())
    and public.second_factor_satisfied()
  order by m.created_at
$$;
