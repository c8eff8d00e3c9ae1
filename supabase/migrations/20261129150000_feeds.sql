-- Calendar feeds and the public JSON API: every public session of a long window (past 30 days to
-- a year ahead), with what a calendar needs to notice a change (SEQUENCE, LAST-MODIFIED).

-- RFC 5545 (3.8.7.4): a calendar replaces an event only when its SEQUENCE grows. A counter per
-- row, bumped by a trigger, grows on every change even within one second (updated_at would not).
-- An event's SEQUENCE is the session's plus its activity's: both only grow, so the sum does.
alter table public.sessions add column sequence integer not null default 0;
alter table public.activities add column sequence integer not null default 0;

/** Bumps `sequence` when a field a calendar shows changes (not on bookkeeping updates). */
create function public.bump_session_sequence() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if (new.starts_at, new.ends_at, new.status, new.cancel_reason)
     is distinct from (old.starts_at, old.ends_at, old.status, old.cancel_reason) then
    new.sequence := old.sequence + 1;
  else
    new.sequence := old.sequence;
  end if;
  return new;
end;
$$;

create trigger sessions_bump_sequence
  before update on public.sessions
  for each row execute function public.bump_session_sequence();

/** Likewise for the activity fields every one of its events shows. */
create function public.bump_activity_sequence() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if (new.title, new.summary, new.category, new.venue, new.address, new.city, new.online,
      new.timezone, new.status, new.cancel_reason)
     is distinct from (old.title, old.summary, old.category, old.venue, old.address, old.city,
      old.online, old.timezone, old.status, old.cancel_reason) then
    new.sequence := old.sequence + 1;
  else
    new.sequence := old.sequence;
  end if;
  return new;
end;
$$;

create trigger activities_bump_sequence
  before update on public.activities
  for each row execute function public.bump_activity_sequence();

/**
 * Public sessions for feeds and the JSON API, matching every given filter (null = any), from
 * `p_from` to `p_to` (at most 400 days), after the keyset (`p_after_at`, `p_after_id`), at most
 * `p_limit` (≤ 2000). Cancelled sessions (or all sessions of a cancelled activity) stay for 30
 * days after the change, so subscribed calendars learn of it, then leave.
 * security definer: it returns only what anyone may see (published or cancelled activities of
 * approved organizations, never sign-ups) whoever asks, without the row policies per row.
 */
create function public.feed_sessions(
  p_from timestamptz,
  p_to timestamptz,
  p_activity uuid default null,
  p_organization text default null,
  p_categories public.activity_category[] default null,
  p_attributes public.activity_attribute[] default null,
  p_city text default null,
  p_online boolean default null,
  p_words text[] default null,
  p_session uuid default null,
  p_after_at timestamptz default null,
  p_after_id uuid default null,
  p_limit integer default 2000
)
returns table (
  session_id uuid, starts_at timestamptz, ends_at timestamptz, session_status public.session_status,
  cancel_reason text, sequence integer, session_updated_at timestamptz, activity_id uuid,
  activity_status public.activity_status, activity_cancel_reason text, title text, summary text,
  category public.activity_category, attributes public.activity_attribute[], venue text,
  address text, city text, online boolean, timezone text, activity_updated_at timestamptz,
  organization_name text, organization_slug text, discreet boolean
)
language plpgsql stable security definer set search_path = ''
as $$
declare
  words text[];
  fts tsquery;
begin
  if p_to <= p_from or p_to > p_from + interval '400 days' then
    raise exception 'The date window must be 1 to 400 days' using errcode = '22023';
  end if;
  -- Defence in depth: words with tsquery operators are dropped (the app sends none).
  words := (
    select array_agg(left(w, 40)) from unnest(p_words[1:8]) w
    where btrim(w) <> '' and w !~ '[''\\:&|!()<>*[:space:]]'
  );
  if words is not null and cardinality(words) > 0 then
    fts := to_tsquery('norwegian', (select string_agg(quote_literal(w) || ':*', ' & ') from unnest(words) w))
        || to_tsquery('simple', (select string_agg(quote_literal(w) || ':*', ' & ') from unnest(words) w));
  end if;
  return query
  select s.id, s.starts_at, s.ends_at, s.status, s.cancel_reason, s.sequence + a.sequence,
         s.updated_at, a.id, a.status, a.cancel_reason, a.title, a.summary, a.category,
         a.attributes, a.venue, a.address, a.city, a.online, a.timezone, a.updated_at,
         o.name, o.slug, o.discreet
  from public.sessions s
  join public.activities a on a.id = s.activity_id
  join public.organizations o on o.id = a.organization_id
  where s.starts_at >= p_from and s.starts_at < p_to
    and a.status in ('published', 'cancelled') and o.status = 'approved'
    and (s.status = 'scheduled' or s.updated_at >= now() - interval '30 days')
    and (a.status = 'published' or a.updated_at >= now() - interval '30 days')
    and (p_activity is null or a.id = p_activity)
    and (p_session is null or s.id = p_session)
    and (p_after_at is null or (s.starts_at, s.id) > (p_after_at, p_after_id))
    and (p_categories is null or cardinality(p_categories) = 0 or a.category = any (p_categories))
    and (p_attributes is null or a.attributes @> p_attributes)
    and (p_organization is null or o.slug = p_organization)
    and (p_city is null or lower(a.city) = lower(p_city))
    and (p_online is null or a.online = p_online)
    and (fts is null or a.search @@ fts)
  order by s.starts_at, s.id
  limit least(greatest(coalesce(p_limit, 2000), 1), 2000);
end;
$$;

revoke execute on function public.feed_sessions from public;
grant execute on function public.feed_sessions to anon, authenticated, service_role;
