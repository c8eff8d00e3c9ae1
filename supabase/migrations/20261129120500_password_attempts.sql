-- Failed password sign-ins per account, counted inside Supabase Auth by its Password Verification
-- Attempt hook (config.toml [auth.hook.password_verification_attempt]), so the limit holds for every
-- client, including one that calls /auth/v1/token directly: after 10 failures in 15 minutes an
-- account refuses password sign-ins, even with the right password, until the oldest of those
-- failures is 15 minutes old. A right password clears the count.
-- Auth calls the hook as supabase_auth_admin: only that role may run it or touch the table.

create table private.password_failures (
  user_id uuid not null references auth.users (id) on delete cascade,
  failed_at timestamptz not null default now()
);

create index password_failures_user_id_failed_at_idx
  on private.password_failures (user_id, failed_at);

alter table private.password_failures enable row level security;

-- supabase_auth_admin has no BYPASSRLS: the hook reads and writes through this policy.
create policy "Auth counts failed password sign-ins"
  on private.password_failures
  as permissive for all
  to supabase_auth_admin
  using (true)
  with check (true);

revoke all on table private.password_failures from public, anon, authenticated;
grant select, insert, delete on table private.password_failures to supabase_auth_admin;

/**
 * Password Verification Attempt hook (Supabase docs, Auth Hooks > Password verification hook):
 * `event` is { "user_id": uuid, "valid": boolean, … }; answers { "decision": "continue" } or, once
 * the account has 10 failures in the last 15 minutes, { "decision": "reject", … }.
 * security invoker: it runs as supabase_auth_admin, which is granted exactly what it needs.
 */
create function private.hook_password_verification_attempt(event jsonb)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  account uuid := (event ->> 'user_id')::uuid;
  valid boolean := coalesce((event ->> 'valid')::boolean, false);
  failures integer;
begin
  -- One attempt at a time per account, so parallel guesses cannot all slip under the limit.
  perform pg_advisory_xact_lock(hashtextextended('password_failures:' || account::text, 0));

  delete from private.password_failures
  where user_id = account and failed_at <= now() - interval '15 minutes';

  select count(*) into failures
  from private.password_failures
  where user_id = account;

  if failures >= 10 then
    -- Not recorded: the lock lifts 15 minutes after the failures that caused it.
    return jsonb_build_object(
      'decision', 'reject',
      'message', 'Too many failed sign-in attempts. Try again in 15 minutes.',
      'should_logout_user', false
    );
  end if;

  if valid then
    delete from private.password_failures where user_id = account;
  else
    insert into private.password_failures (user_id) values (account);
  end if;

  return jsonb_build_object('decision', 'continue');
end;
$$;

revoke execute on function private.hook_password_verification_attempt(jsonb)
  from public, anon, authenticated;
grant execute on function private.hook_password_verification_attempt(jsonb)
  to supabase_auth_admin;

grant usage on schema private to supabase_auth_admin;
