-- What the API roles (anon, authenticated) may do, narrowed to what the app needs. Found by the
-- schema rules in supabase/tests/schema-rules.test.ts (issue 15).

-- Supabase's default grants give the API roles ALL on every table postgres creates in public,
-- TRUNCATE, REFERENCES and TRIGGER included. TRUNCATE ignores Row Level Security altogether (one
-- statement empties a table whatever the policies say); REFERENCES lets a role probe which keys
-- exist through foreign keys of its own; TRIGGER lets it attach code to our tables. PostgREST
-- issues none of them, and no role but the owner ever needs them.
revoke truncate, references, trigger on all tables in schema public from anon, authenticated;
alter default privileges for role postgres in schema public
  revoke truncate, references, trigger on tables from anon, authenticated;

-- Trigger functions run on the table's events whoever fires them: Postgres checks no EXECUTE
-- privilege then. These two are security definer and were executable by the API roles only
-- through the default grant.
revoke execute on function public.guard_owners() from public, anon, authenticated;
revoke execute on function public.guard_organization_status() from public, anon, authenticated;

-- No policy has used activity_visible since the discovery migration replaced the activities
-- read policy, and nothing else calls it; yet it stayed a security definer function that any
-- visitor could call through the API with a made-up activity row. Gone.
drop function public.activity_visible(public.activities);
