-- Members of an organization with their e-mail addresses, for the organization's own members.
-- security definer: auth.users is not readable through the API; this returns only the
-- addresses of the caller's own organization's members (members need to know who they are).

create function public.member_list(p_organization uuid)
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
  order by m.created_at
$$;

revoke execute on function public.member_list(uuid) from public, anon;
grant execute on function public.member_list(uuid) to authenticated;
