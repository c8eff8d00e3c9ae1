import { readFilters } from '$lib/discovery/filters';
import { shareLinks, VIEWS, type View } from '$lib/embed/links';
import { readTheme } from '$lib/embed/theme';
import { translate } from '$lib/i18n/translate';
import * as discovery from '$lib/server/discovery';
import * as organizations from '$lib/server/organizations';
import { qrSvg } from '$lib/server/qr';
import type { PageServerLoad } from './$types';

/** The builder works as plain GET forms: everything it makes is in the URL. */
export const csr = false;

/**
 * The embed and calendar-link builder for staff at treatment facilities and organizations.
 * - `filters`, `problems`: the home list's filters as the URL holds them.
 * - `view`, `theme`, `accentInput`, `accentProblem`: the embed's look; a rejected colour comes
 *   back as typed with the message key that says why.
 * - `links`: the preview's address, the codes to copy and the calendar links (absolute).
 * - `qr`: the QR code of the https calendar link, as SVG drawn here.
 * - `cities`, `organizations`: the filters' choices (empty when they could not be loaded).
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { filters, problems } = readFilters(url.searchParams);
	const { theme, problem } = readTheme(url.searchParams);
	const asked = url.searchParams.get('view');
	const view: View = VIEWS.includes(asked as View) ? (asked as View) : 'list';
	const links = shareLinks(
		url.origin,
		{ filters: { ...filters, after: '' }, view, theme, locale: locals.locale },
		translate(locals.locale, 'embed.title')
	);
	const [cities, organizationList, qr] = await Promise.allSettled([
		discovery.listCities(locals.supabase),
		organizations.listNames(locals.supabase),
		qrSvg(links.ics)
	]);
	for (const r of [cities, organizationList, qr])
		if (r.status === 'rejected') console.error('share: could not load', r.reason);
	return {
		filters,
		problems,
		view,
		theme,
		accentInput: (url.searchParams.get('accent') ?? '').slice(0, 20),
		accentProblem: problem,
		links,
		qr: qr.status === 'fulfilled' ? qr.value : null,
		cities: cities.status === 'fulfilled' ? cities.value : [],
		organizations: organizationList.status === 'fulfilled' ? organizationList.value : []
	};
};
