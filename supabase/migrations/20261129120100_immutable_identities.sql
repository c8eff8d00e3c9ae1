-- Columns that say who someone is, or whose a row is, never change after insert: a membership
-- cannot be re-pointed at another user or organization (which would plant a stranger in an
-- organization and reveal their address through member_list), an activity or session cannot
-- move to another organization or activity. Column grants stop the API roles; a trigger holds
-- for every role, the secret key included. Public reads of activities carry no user id.

/**
 * Refuses an update that changes any of the columns named in the trigger's arguments. A change
 * to null is let through: `on delete set null` foreign keys (created_by) must still work.
 */
create function public.guard_immutable_columns() returns trigger
language plpgsql set search_path = ''
as $$
declare
  col text;
  before jsonb := to_jsonb(old);
  after jsonb := to_jsonb(new);
begin
  foreach col in array tg_argv loop
    if after -> col is distinct from before -> col and after -> col <> 'null'::jsonb then
      raise exception '%.% cannot change', tg_table_name, col using errcode = '42501';
    end if;
  end loop;
  return new;
end;
$$;

create trigger memberships_immutable
  before update on public.memberships
  for each row execute function public.guard_immutable_columns('organization_id', 'user_id');
create trigger activities_immutable
  before update on public.activities
  for each row execute function public.guard_immutable_columns('organization_id', 'created_by');
create trigger sessions_immutable
  before update on public.sessions
  for each row execute function public.guard_immutable_columns('activity_id', 'occurrence_date');
create trigger invitations_immutable
  before update on public.invitations
  for each row execute function public.guard_immutable_columns('organization_id', 'email', 'role', 'token_hash');

-- Memberships: a member appears only through create_organization() or accept_invitation();
-- of an existing row, only the role changes.
revoke insert, update on public.memberships from anon, authenticated;
grant update (role) on public.memberships to authenticated;

revoke insert, update on public.invitations from anon, authenticated;

-- Activities: every column is public but created_by (a user id). Only the columns an organizer
-- edits may be updated.
revoke select, update on public.activities from anon, authenticated;
grant select (
  id, organization_id, slug, title, summary, description, category, attributes, venue, address,
  city, online, timezone, first_date, start_time, duration_minutes, rrule, signup_mode, capacity,
  waitlist, helper_places, signup_opens_days_before, signup_closes_hours_before, status,
  cancel_reason, published_at, created_at, updated_at, search
) on public.activities to anon, authenticated;
grant update (
  slug, title, summary, description, category, attributes, venue, address, city, online,
  timezone, first_date, start_time, duration_minutes, rrule, signup_mode, capacity, waitlist,
  helper_places, signup_opens_days_before, signup_closes_hours_before, status, cancel_reason,
  published_at
) on public.activities to authenticated;

-- Sessions: the times, the status and the reason change; what they belong to does not.
revoke update on public.sessions from anon, authenticated;
grant update (starts_at, ends_at, status, cancel_reason, edited) on public.sessions to authenticated;
