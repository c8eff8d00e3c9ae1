-- Platform admins approve organizations and handle reports. They are listed here; the first one
-- is granted with `npm run admin:grant -- <email>` (README). Nobody is made an admin through the
-- API: there is no insert, update or delete policy, so only the secret key can change this table.

create table public.platform_admins (
  user_id uuid primary key references auth.users (id) on delete cascade,
  granted_at timestamptz not null default now()
);

comment on table public.platform_admins is 'Users who administer the platform.';

alter table public.platform_admins enable row level security;

-- Whether the caller is a platform admin. security definer: policies on other tables call it,
-- and the caller may not read platform_admins itself (that would reveal who the admins are).
create function public.is_platform_admin() returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.platform_admins where user_id = (select auth.uid()))
$$;

revoke execute on function public.is_platform_admin() from public, anon;
grant execute on function public.is_platform_admin() to authenticated, service_role;

-- An admin may see the list of admins; everyone else sees nothing.
create policy "Platform admins can read the admin list"
  on public.platform_admins for select
  to authenticated
  using ((select public.is_platform_admin()));
