-- Public discovery: the upcoming sessions of published activities of approved organizations,
-- filtered and searched in one bounded query. Search understands Norwegian word forms and
-- English (both text-search configurations, by word prefix), and falls back to trigram
-- similarity on the title when full-text search finds nothing (a misspelled word). The app
-- splits the visitor's text into plain words; nothing the visitor types reaches tsquery syntax.

create index sessions_starts_at_idx on public.sessions (starts_at, id);
create index activities_title_trgm_idx on public.activities using gin (title extensions.gin_trgm_ops);

/**
 * Upcoming public sessions matching every given filter (null = any), from `p_from` to `p_to`
 * (at most 100 days), after the keyset (`p_after_at`, `p_after_id`), at most `p_limit` (≤ 200).
 * `p_words`: the visitor's search words (letters and digits only, made so by the app).
 * security definer: it returns only what anyone may see (published, approved, not archived)
 * whoever asks, without evaluating the row policies per row.
 */
create function public.discover_sessions(
  p_from timestamptz,
  p_to timestamptz,
  p_words text[] default null,
  p_categories public.activity_category[] default null,
  p_attributes public.activity_attribute[] default null,
  p_organization text default null,
  p_city text default null,
  p_online boolean default null,
  p_after_at timestamptz default null,
  p_after_id uuid default null,
  p_limit integer default 60
)
returns table (
  session_id uuid, starts_at timestamptz, ends_at timestamptz, session_status public.session_status,
  cancel_reason text, edited boolean, activity_id uuid, title text, summary text,
  category public.activity_category, attributes public.activity_attribute[], venue text, city text,
  online boolean, timezone text, organization_name text, organization_slug text, fuzzy boolean
)
language plpgsql stable security definer set search_path = ''
as $$
declare
  words text[];
  query_text text;
  fts tsquery;
  use_fuzzy boolean := false;
begin
  if p_to <= p_from or p_to > p_from + interval '100 days' then
    raise exception 'The date window must be 1 to 100 days' using errcode = '22023';
  end if;
  -- Defence in depth: words with tsquery operators are dropped (the app sends none).
  words := (
    select array_agg(left(w, 40)) from unnest(p_words[1:8]) w
    where btrim(w) <> '' and w !~ '[''\\:&|!()<>*[:space:]]'
  );
  if words is not null and cardinality(words) > 0 then
    query_text := (select string_agg(quote_literal(w) || ':*', ' & ') from unnest(words) w);
    fts := to_tsquery('norwegian', query_text) || to_tsquery('simple', query_text);
    use_fuzzy := not exists (
      select 1 from public.activities a
      join public.organizations o on o.id = a.organization_id and o.status = 'approved'
      where a.status in ('published', 'cancelled') and a.search @@ fts
    );
  end if;
  return query
  select s.id, s.starts_at, s.ends_at, s.status, s.cancel_reason, s.edited, a.id, a.title, a.summary,
         a.category, a.attributes, a.venue, a.city, a.online, a.timezone, o.name, o.slug, use_fuzzy
  from public.sessions s
  join public.activities a on a.id = s.activity_id
  join public.organizations o on o.id = a.organization_id
  where s.starts_at >= p_from and s.starts_at < p_to
    and a.status in ('published', 'cancelled') and o.status = 'approved'
    and (p_after_at is null or (s.starts_at, s.id) > (p_after_at, p_after_id))
    and (p_categories is null or cardinality(p_categories) = 0 or a.category = any (p_categories))
    and (p_attributes is null or a.attributes @> p_attributes)
    and (p_organization is null or o.slug = p_organization)
    and (p_city is null or lower(a.city) = lower(p_city))
    and (p_online is null or a.online = p_online)
    and (fts is null
         or (not use_fuzzy and a.search @@ fts)
         or (use_fuzzy and (select min(extensions.word_similarity(w, a.title)) from unnest(words) w) >= 0.4))
  order by s.starts_at, s.id
  limit least(greatest(coalesce(p_limit, 60), 1), 200);
end;
$$;

revoke execute on function public.discover_sessions from public;
grant execute on function public.discover_sessions to anon, authenticated, service_role;

/** The cities of public activities, for the city filter. security definer: as above. */
create function public.discover_cities() returns setof text
language sql stable security definer set search_path = ''
as $$
  select distinct a.city from public.activities a
  join public.organizations o on o.id = a.organization_id and o.status = 'approved'
  where a.status = 'published' and a.city is not null and btrim(a.city) <> ''
  order by 1
  limit 200
$$;

revoke execute on function public.discover_cities from public;
grant execute on function public.discover_cities to anon, authenticated, service_role;

-- Row policies without a function call per row: the public part is a plain join, the member
-- part an initplan evaluated once per statement.
create function public.my_organization_ids() returns uuid[]
language sql stable security definer set search_path = ''
as $$
  select coalesce(array_agg(organization_id), '{}') from public.memberships where user_id = (select auth.uid())
$$;

revoke execute on function public.my_organization_ids() from public, anon;
grant execute on function public.my_organization_ids() to authenticated, service_role;

drop policy "Anyone reads public activities; members read their own" on public.activities;
create policy "Anyone reads public activities"
  on public.activities for select to anon, authenticated
  using (
    status in ('published', 'cancelled', 'archived')
    and organization_id in (select o.id from public.organizations o where o.status = 'approved')
  );
create policy "Members and platform admins read their organizations' activities"
  on public.activities for select to authenticated
  using (
    organization_id = any ((select public.my_organization_ids())::uuid[])
    or (select public.is_platform_admin())
  );
