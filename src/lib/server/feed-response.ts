import type { RequestEvent } from '@sveltejs/kit';
import { version } from '$app/environment';
import { buildCalendar, newest, type FeedSession } from './feeds';
import { cached, etagOf } from './http-cache';

/**
 * The feed's ETag, from everything its body is made of: every field of every row (sequence and
 * updated times included), the language, the calendar's name, the site's address and the build
 * (a new release may write the same rows differently). Building the calendar costs about 0.2 ms
 * a date; this lets a conditional request be answered without it.
 */
export function feedTag(input: {
	sessions: FeedSession[];
	locale: string;
	name: string;
	origin: string;
	download?: string;
}): string {
	return etagOf(
		JSON.stringify([
			version,
			input.locale,
			input.name,
			input.origin,
			input.download ?? '',
			input.sessions
		])
	);
}

/**
 * A feed as a cacheable `text/calendar` response in the request's language: ETag, Last-Modified
 * and 304 (http-cache.ts). Open to every origin: feeds hold only public data, and embeds and
 * other sites may read them from a browser. `download` names a file to save instead of show.
 */
export function calendarResponse(
	event: Pick<RequestEvent, 'request' | 'url' | 'locals'>,
	input: { sessions: FeedSession[]; name: string; download?: string }
): Response {
	const body = () =>
		buildCalendar({
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
		headers,
		etag: feedTag({ ...input, locale: event.locals.locale, origin: event.url.origin })
	});
}
