import * as organizations from '$lib/server/organizations';
import * as api from '$lib/server/public-api';
import type { RequestHandler } from './$types';

/** The approved organizations, by name, with their pages and feeds. Shape: README, "JSON API". */
export const GET: RequestHandler = (event) =>
	api.guarded(async () => {
		const { locals, url } = event;
		const list = await organizations.listApproved(locals.supabase);
		const data = list.map((o) => ({
			slug: o.slug,
			name: o.name,
			description: o.description,
			kind: o.kind,
			approaches: o.approaches,
			city: o.city,
			region: o.region,
			website: o.website,
			...api.organizationLinks(o.slug, url.origin, locals.locale),
			sessions: new URL(`/api/v1/sessions?org=${o.slug}`, url.origin).href
		}));
		return api.jsonResponse(event.request, { data }, null);
	});

export const OPTIONS: RequestHandler = api.preflight;
