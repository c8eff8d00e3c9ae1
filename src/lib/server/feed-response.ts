import type { RequestEvent } from '@sveltejs/kit';
import { buildCalendar, newest, type FeedSession } from './feeds';
import { cached } from './http-cache';

/**
 * A feed as a cacheable `text/calendar` response in the request's language: ETag, Last-Modified
 * and 304 (http-cache.ts). Open to every origin: feeds hold only public data, and embeds and
 * other sites may read them from a browser. `download` names a file to save instead of show.
 */
export function calendarResponse(
	event: Pick<RequestEvent, 'request' | 'url' | 'locals'>,
	input: { sessions: FeedSession[]; name: string; download?: string }
): Response {
	const body = buildCalendar({
		sessions: input.sessions,
		locale: event.locals.locale,
		name: input.name,
		origin: event.url.origin
	});
	const headers: Record<string, string> = { 'access-control-allow-origin': '*' };
	if (input.download) headers['content-disposition'] = `attachment; filename="${input.download}"`;
	return cached(event.request, body, {
		type: 'text/calendar; charset=utf-8',
		lastModified: newest(input.sessions),
		headers
	});
}
