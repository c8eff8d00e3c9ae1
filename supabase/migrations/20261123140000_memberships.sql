-- Who organizes for an organization: members with a role, and invitations by e-mail.
--   owner     — everything, including members and roles
--   admin     — everything but removing owners
--   organizer — activities and their sessions
-- An organization is created through create_organization(), which makes the creator its owner
-- and leaves it pending until a platform admin approves it.

create type public.member_role as enum ('owner', 'admin', 'organizer');

create table public.memberships (
  organization_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role public.member_role not null default 'organizer',
  created_at timestamptz not null default now(),
  primary key (organization_id, user_id)
);

create index memberships_user_idx on public.memberships (user_id);

comment on table public.memberships is 'Organizers of an organization, with their role.';

-- The caller's role in an organization, or null. security definer: policies on memberships
-- itself call it, and a policy that read memberships directly would recurse.
create function public.my_role(org uuid) returns public.member_role
language sql stable security definer set search_path = ''
as $$
  select role from public.memberships
  where organization_id = org and user_id = (select auth.uid())
$$;

create function public.is_member(org uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select public.my_role(org) is not null
$$;

create function public.can_manage(org uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce(public.my_role(org) in ('owner', 'admin'), false)
$$;

revoke execute on function public.my_role(uuid), public.is_member(uuid), public.can_manage(uuid)
  from public, anon;
grant execute on function public.my_role(uuid), public.is_member(uuid), public.can_manage(uuid)
  to authenticated, service_role;

alter table public.memberships enable row level security;

create policy "Members see the members of their organizations"
  on public.memberships for select to authenticated
  using ((select public.is_member(organization_id)) or (select public.is_platform_admin()));

create policy "Owners and admins change roles"
  on public.memberships for update to authenticated
  using ((select public.can_manage(organization_id)))
  with check ((select public.can_manage(organization_id)));

create policy "Owners and admins remove members, and anyone may leave"
  on public.memberships for delete to authenticated
  using ((select public.can_manage(organization_id)) or user_id = (select auth.uid()));

-- Only an owner makes or unmakes owners; an organization always keeps one owner.
create function public.guard_owners() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  org uuid := coalesce(new.organization_id, old.organization_id);
begin
  if (tg_op = 'DELETE' and old.role = 'owner') or (tg_op = 'UPDATE' and (old.role = 'owner' or new.role = 'owner') and old.role <> new.role) then
    if public.my_role(org) is distinct from 'owner' and (select auth.role()) <> 'service_role' then
      raise exception 'Only an owner can change who owns the organization' using errcode = '42501';
    end if;
    if not exists (
      select 1 from public.memberships
      where organization_id = org and role = 'owner' and user_id <> old.user_id
    ) then
      raise exception 'An organization needs at least one owner' using errcode = '23514';
    end if;
  end if;
  return coalesce(new, old);
end;
$$;

create trigger memberships_guard_owners
  before update or delete on public.memberships
  for each row execute function public.guard_owners();

-- Members see their own organizations whatever their status; platform admins see all of them.
create policy "Members and platform admins read any organization of theirs"
  on public.organizations for select to authenticated
  using ((select public.is_member(id)) or (select public.is_platform_admin()));

create policy "Owners and admins edit their organization"
  on public.organizations for update to authenticated
  using ((select public.can_manage(id)))
  with check ((select public.can_manage(id)));

-- The status is the platform admins' to set (set_organization_status); nobody else changes it.
create function public.guard_organization_status() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if (new.status, new.approved_at) is distinct from (old.status, old.approved_at)
     and not public.is_platform_admin() and (select auth.role()) <> 'service_role' then
    raise exception 'Only a platform admin can approve or suspend an organization' using errcode = '42501';
  end if;
  return new;
end;
$$;

create trigger organizations_guard_status
  before update on public.organizations
  for each row execute function public.guard_organization_status();

/** Creates a pending organization with the caller as its owner. */
create function public.create_organization(
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
  insert into public.organizations (slug, name, kind, description, approaches, city, region, contact_email, website)
  values (p_slug, p_name, p_kind, coalesce(p_description, ''), coalesce(p_approaches, '{}'), p_city, p_region, p_contact_email, p_website)
  returning * into org;
  insert into public.memberships (organization_id, user_id, role) values (org.id, (select auth.uid()), 'owner');
  return org;
end;
$$;

revoke execute on function public.create_organization from public, anon;
grant execute on function public.create_organization to authenticated;

/** Approves or suspends an organization (platform admins only). */
create function public.set_organization_status(p_organization uuid, p_status public.organization_status)
returns public.organizations
language plpgsql security definer set search_path = ''
as $$
declare
  org public.organizations;
begin
  if not public.is_platform_admin() then
    raise exception 'Only a platform admin can approve or suspend an organization' using errcode = '42501';
  end if;
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

revoke execute on function public.set_organization_status from public, anon;
grant execute on function public.set_organization_status to authenticated;
