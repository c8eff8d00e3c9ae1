-- Cluster-wide roles, as a hosted Supabase database has them. Roles are shared by every database
-- in the cluster (and by the template clones the tests make), so each is created only when
-- missing and its attributes are then set again: running this twice changes nothing.
do $$
begin
  if not exists (select from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticator') then
    create role authenticator login noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'supabase_auth_admin') then
    create role supabase_auth_admin login noinherit createrole;
  end if;
  if not exists (select from pg_roles where rolname = 'supabase_admin') then
    create role supabase_admin login superuser createdb createrole replication bypassrls;
  end if;
  if not exists (select from pg_roles where rolname = 'postgres') then
    create role postgres login;
  end if;
end
$$;

-- On hosted Supabase `postgres` is not a superuser: migrations run with exactly these attributes,
-- so one that needs superuser (alter system, an untrusted extension, a superuser role) fails here too.
alter role postgres nosuperuser createdb createrole login replication bypassrls;
alter role service_role nologin noinherit bypassrls;
alter role anon nologin noinherit;
alter role authenticated nologin noinherit;
alter role authenticator login noinherit;

-- The API roles are entered with SET ROLE: the REST layer logs in as authenticator, and
-- postgres may grant them (it owns the app's objects).
grant anon, authenticated, service_role to authenticator;
grant anon, authenticated, service_role to postgres with admin option;
grant pg_read_all_data, pg_signal_backend, pg_monitor to postgres;

-- Search path and statement timeouts as hosted sets them. PostgREST applies an impersonated
-- role's settings per request, so the REST layer reads these back from pg_db_role_setting.
alter role postgres set search_path to "$user", public, extensions;
alter role supabase_admin set search_path to "$user", public, extensions;
alter role authenticator set search_path to "$user", public, extensions;
alter role anon set search_path to "$user", public, extensions;
alter role authenticated set search_path to "$user", public, extensions;
alter role service_role set search_path to "$user", public, extensions;
alter role supabase_auth_admin set search_path to auth;
alter role anon set statement_timeout to '3s';
alter role authenticated set statement_timeout to '8s';
alter role authenticator set statement_timeout to '8s';
alter role authenticator set lock_timeout to '8s';
