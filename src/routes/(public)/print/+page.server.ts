import { filterQuery, readFilters } from '$lib/discovery/filters';
import { windowOf } from '$lib/discovery/window';
import { localizePath } from '$lib/i18n/locales';
import * as discovery from '$lib/server/discovery';
import { qrSvg } from '$lib/server/qr';
import type { PageServerLoad } from './$types';

export const csr = false;

/**
 * A filtered list as a week programme to print: the same filters as the home page, and a QR
 * code (drawn on the server) that opens the same list on a phone.
 * - `list`: the sessions by day (null when it could not be loaded).
 * - `link`, `qr`: the list's address and its QR code as SVG.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { filters } = readFilters(url.searchParams);
	const window = windowOf({ ...filters, after: '' }, new Date());
	const link = `${url.origin}${localizePath('/', locals.locale)}${filterQuery({ ...filters, after: '' })}`;
	const [list, qr] = await Promise.all([
		discovery
			.listUpcoming(locals.supabase, { filters: { ...filters, after: '' }, ...window })
			.catch((error) => {
				console.error('print: could not load', error);
				return null;
			}),
		qrSvg(link)
	]);
	return {
		filters,
		list,
		link,
		qr,
		window: { from: window.from.toISOString(), to: window.to.toISOString() }
	};
};
