-- The menu's offers, bounded by organizations instead of by dates (issue 14): the menu listed
-- every date of every activity in its four weeks, read as up to 1,000 sessions, so with many
-- organizations the page grew past half a megabyte and the 1,000 cut off the later weeks of
-- whoever came last. Now each organization brings its three soonest activities, each with its
-- next date and how many dates it has in the window, and how many activities it has in all;
-- its own page lists the rest.

/**
 * Per approved organization, its first three published activities with scheduled dates from
 * `p_from` to `p_until` (at most 62 days), by their next date: the activity, its next start, its
 * number of dates in the window, and the organization's number of such activities (`offers`).
 * security invoker: the caller's row policies decide what it sees, as for any read.
 */
create function public.menu_offers(p_from timestamptz, p_until timestamptz)
returns table (
  organization_id uuid, activity_id uuid, title text, category public.activity_category,
  timezone text, next_start timestamptz, dates integer, offers integer
)
language sql stable security invoker set search_path = ''
as $$
  with per_activity as (
    select a.organization_id, a.id as activity_id, a.title, a.category, a.timezone,
           min(s.starts_at) as next_start, count(*)::integer as dates
    from public.sessions s
    join public.activities a on a.id = s.activity_id
    where s.status = 'scheduled' and a.status = 'published'
      and s.starts_at >= p_from
      and s.starts_at < least(p_until, p_from + interval '62 days')
    group by a.id
  ),
  ranked as (
    select p.*,
           row_number() over (partition by p.organization_id order by p.next_start, p.title, p.activity_id) as n,
           count(*) over (partition by p.organization_id)::integer as offers
    from per_activity p
  )
  select organization_id, activity_id, title, category, timezone, next_start, dates, offers
  from ranked
  where n <= 3
  order by organization_id, n
$$;

revoke execute on function public.menu_offers from public;
grant execute on function public.menu_offers to anon, authenticated, service_role;
