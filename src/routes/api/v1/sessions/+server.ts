import * as feedSessions from '$lib/server/feed-sessions';
import { newest } from '$lib/server/feeds';
import * as api from '$lib/server/public-api';
import type { RequestHandler } from './$types';

/**
 * Public sessions, soonest first, with the home list's filters; `next` is the cursor of the
 * following page (`?after=`), null on the last. Shape: README, "JSON API".
 */
export const GET: RequestHandler = (event) =>
	api.guarded(async () => {
		const read = api.readSessionQuery(event.url.searchParams, new Date());
		if ('error' in read) return api.errorResponse(read.error);
		const rows = await feedSessions.listSessions(event.locals.supabase, read.query);
		const last = rows.at(-1);
		const next = rows.length === read.query.limit && last ? api.cursorOf(last) : null;
		return api.jsonResponse(
			event.request,
			{ data: rows.map((s) => api.sessionJson(s, event)), next },
			newest(rows)
		);
	});

export const OPTIONS: RequestHandler = api.preflight;
