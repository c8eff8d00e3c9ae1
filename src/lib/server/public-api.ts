import type { RequestEvent } from '@sveltejs/kit';
import {
	ATTRIBUTES,
	CATEGORIES,
	WHENS,
	type Attribute,
	type Category,
	type Filters,
	type When
} from '$lib/discovery/filters';
import { windowOf, ZONE } from '$lib/discovery/window';
import { localizePath, type Locale } from '$lib/i18n/locales';
import { zonedToInstant } from '$lib/recurrence';
import { parseDate } from '$lib/recurrence/dates';
import { feedWindow, type SessionQuery } from './feed-sessions';
import type { FeedSession } from './feeds';
import { cached } from './http-cache';
import { searchWords } from './search-words';

/** Public data only: any site may read it from a browser; ETag must be readable to revalidate. */
const CORS = {
	'access-control-allow-origin': '*',
	'access-control-expose-headers': 'ETag, Last-Modified'
};

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;
const DAY = 86_400_000;

export interface ApiError {
	status: number;
	code: string;
	message: string;
}

/** The answer to a CORS preflight: GET (and HEAD) from anywhere, with conditional headers. */
export const preflight = () =>
	new Response(null, {
		status: 204,
		headers: {
			...CORS,
			'access-control-allow-methods': 'GET, HEAD, OPTIONS',
			'access-control-allow-headers': 'If-None-Match, If-Modified-Since',
			'access-control-max-age': '86400'
		}
	});

/** `{ "error": { "code", "message" } }` (messages are for developers, in English). */
export function errorResponse(error: ApiError): Response {
	return new Response(JSON.stringify({ error: { code: error.code, message: error.message } }), {
		status: error.status,
		headers: {
			...CORS,
			'content-type': 'application/json; charset=utf-8',
			'cache-control': 'no-store'
		}
	});
}

/** A JSON body with ETag, Last-Modified, 304 and CORS. */
export const jsonResponse = (request: Request, value: unknown, lastModified: Date | null) =>
	cached(request, JSON.stringify(value), {
		type: 'application/json; charset=utf-8',
		lastModified,
		headers: CORS
	});

/** Runs a handler, turning an unexpected failure into the API's JSON error (never HTML). */
export async function guarded(run: () => Promise<Response>): Promise<Response> {
	try {
		return await run();
	} catch (e) {
		console.error('api:', e);
		return errorResponse({ status: 500, code: 'internal', message: 'Something went wrong' });
	}
}

/** The opaque cursor of the page after `row`. */
export const cursorOf = (row: Pick<FeedSession, 'starts_at' | 'session_id'>) =>
	Buffer.from(`${row.starts_at}_${row.session_id}`).toString('base64url');

const CURSOR = /^(\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}(?::?\d{2})?))_([0-9a-f-]{36})$/i;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const bad = (code: string, message: string): ApiError => ({ status: 400, code, message });

/**
 * `/api/v1/sessions` parameters: the home list's filters (`q`, `category`*, `attr`*, `org`,
 * `city`, `mode`, `from`, `to` as Oslo dates, `to` inclusive), `after` (cursor) and `limit`.
 * Unlike the page, which drops what it does not know, the API refuses it (400), so a typo
 * does not silently widen a query.
 */
export function readSessionQuery(
	params: URLSearchParams,
	now: Date
): { query: SessionQuery & { limit: number } } | { error: ApiError } {
	const categories = params.getAll('category');
	const unknownCategory = categories.find((c) => !CATEGORIES.includes(c as Category));
	if (unknownCategory !== undefined)
		return { error: bad('bad_category', `Unknown category; use one of ${CATEGORIES.join(', ')}`) };
	const attributes = params.getAll('attr');
	if (attributes.some((a) => !ATTRIBUTES.includes(a as Attribute)))
		return { error: bad('bad_attribute', `Unknown attr; use one of ${ATTRIBUTES.join(', ')}`) };
	const org = params.get('org');
	if (org !== null && !SLUG.test(org))
		return { error: bad('bad_organization', 'org must be an organization slug') };
	const mode = params.get('mode') ?? 'any';
	if (!['any', 'online', 'inperson'].includes(mode))
		return { error: bad('bad_mode', 'mode must be any, online or inperson') };
	const limitText = params.get('limit');
	const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
		return { error: bad('bad_limit', `limit must be a whole number from 1 to ${MAX_LIMIT}`) };
	let after: SessionQuery['after'];
	const cursor = params.get('after');
	if (cursor !== null) {
		const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
		if (!match || Number.isNaN(Date.parse(match[1])))
			return { error: bad('bad_cursor', 'after must be the `next` value of a previous page') };
		after = { at: match[1], id: match[2] };
	}
	const when = params.get('when') ?? 'upcoming';
	if (!WHENS.includes(when as When))
		return { error: bad('bad_when', `when must be one of ${WHENS.join(', ')}`) };
	// week, nextweek, month: the page's own window; upcoming and dates: from and to below.
	const named = ['week', 'nextweek', 'month'].includes(when)
		? windowOf({ when } as Filters, now)
		: null;
	let from = named?.from ?? now;
	let to = named?.to ?? feedWindow(now).to;
	for (const name of ['from', 'to'] as const) {
		const value = params.get(name);
		if (value === null) continue;
		// A real day: Date.parse takes 2026-02-30 (a 500 found by tests/fuzz).
		if (parseDate(value) === null)
			return { error: bad('bad_date', `${name} must be a date written YYYY-MM-DD`) };
		if (name === 'from') from = zonedToInstant(value, '00:00', ZONE);
		else to = new Date(zonedToInstant(value, '00:00', ZONE).getTime() + DAY);
	}
	if (to <= from) return { error: bad('bad_date', 'to must not be before from') };
	if (to.getTime() - from.getTime() > 366 * DAY)
		return { error: bad('bad_date', 'from and to may be at most 366 days apart') };
	return {
		query: {
			from,
			to,
			organization: org ?? undefined,
			categories: categories as Category[],
			attributes: attributes as Attribute[],
			// Postgres text cannot hold a NUL byte (a 500 found by tests/fuzz).
			city: (params.get('city') ?? '').replaceAll('\u0000', '').trim().slice(0, 80) || undefined,
			online: mode === 'any' ? undefined : mode === 'online',
			words: searchWords((params.get('q') ?? '').slice(0, 200)),
			after,
			limit
		}
	};
}

/** Absolute URLs of an activity's page and feed, in `locale`. */
export const activityLinks = (id: string, origin: string, locale: Locale) => ({
	url: new URL(localizePath(`/activity/${id}`, locale), origin).href,
	ics: new URL(localizePath(`/feeds/activity/${id}.ics`, locale), origin).href
});

/** The organization's page and feed. */
export const organizationLinks = (slug: string, origin: string, locale: Locale) => ({
	url: new URL(localizePath(`/org/${slug}`, locale), origin).href,
	ics: new URL(localizePath(`/feeds/org/${slug}.ics`, locale), origin).href
});

/** A session's own fields (without its activity and organization). */
export function sessionFields(s: FeedSession, event: Pick<RequestEvent, 'url' | 'locals'>) {
	const cancelled = s.session_status === 'cancelled' || s.activity_status === 'cancelled';
	const { ics } = activityLinks(s.activity_id, event.url.origin, event.locals.locale);
	return {
		id: s.session_id,
		starts_at: s.starts_at,
		ends_at: s.ends_at,
		time_zone: s.timezone,
		status: cancelled ? 'cancelled' : 'scheduled',
		cancel_reason: s.cancel_reason ?? s.activity_cancel_reason ?? null,
		sequence: s.sequence,
		updated_at: new Date(
			Math.max(Date.parse(s.session_updated_at), Date.parse(s.activity_updated_at))
		).toISOString(),
		ics: `${ics}?session=${s.session_id}`
	};
}

/** One session in the API's documented shape (README: "JSON API"). No attendee data exists here. */
export function sessionJson(s: FeedSession, event: Pick<RequestEvent, 'url' | 'locals'>) {
	const { origin } = event.url;
	const { locale } = event.locals;
	return {
		...sessionFields(s, event),
		activity: {
			id: s.activity_id,
			title: s.title,
			summary: s.summary,
			category: s.category,
			attributes: s.attributes,
			venue: s.venue,
			address: s.address,
			city: s.city,
			online: s.online,
			...activityLinks(s.activity_id, origin, locale)
		},
		organization: {
			slug: s.organization_slug,
			name: s.organization_name,
			...organizationLinks(s.organization_slug, origin, locale)
		}
	};
}
