-- Sessions follow their activity's rule for a rolling horizon. The app expands the rule (in the
-- activity's time zone) and hands the occurrences to sync_sessions, which applies them in one
-- statement each: new occurrences are added, changed times follow the rule, occurrences the rule
-- no longer has are removed — except sessions edited by hand (moved or cancelled), past ones and
-- those before the window the app expanded (p_from), which stay as they are. (The sign-up issue adds: never a session that has sign-ups.)

create function public.sync_sessions(p_activity uuid, p_occurrences jsonb, p_from timestamptz default now())
returns integer
language plpgsql
security invoker
set search_path = ''
-- security invoker: Row Level Security decides, as for any member's own edit of the sessions.
as $$
declare
  changed integer := 0;
  n integer;
begin
  if not exists (select 1 from public.activities where id = p_activity) then
    raise exception 'No such activity' using errcode = 'P0002';
  end if;

  with wanted as (
    select (o ->> 'occurrence_date')::date as occurrence_date,
           (o ->> 'starts_at')::timestamptz as starts_at,
           (o ->> 'ends_at')::timestamptz as ends_at
    from jsonb_array_elements(p_occurrences) o
  )
  insert into public.sessions (activity_id, occurrence_date, starts_at, ends_at)
  select p_activity, occurrence_date, starts_at, ends_at from wanted
  on conflict (activity_id, occurrence_date) do update
    set starts_at = excluded.starts_at, ends_at = excluded.ends_at
    where not public.sessions.edited
      and (public.sessions.starts_at, public.sessions.ends_at) is distinct from (excluded.starts_at, excluded.ends_at);
  get diagnostics n = row_count;
  changed := changed + n;

  delete from public.sessions s
  where s.activity_id = p_activity
    and not s.edited
    and s.starts_at > greatest(now(), p_from)
    and s.occurrence_date not in (
      select (o ->> 'occurrence_date')::date from jsonb_array_elements(p_occurrences) o
    );
  get diagnostics n = row_count;
  return changed + n;
end;
$$;

revoke execute on function public.sync_sessions(uuid, jsonb, timestamptz) from public, anon;
grant execute on function public.sync_sessions(uuid, jsonb, timestamptz) to authenticated, service_role;
