import { error, json } from '@sveltejs/kit';
import * as signups from '$lib/server/signups';
import type { RequestHandler } from './$types';

/** "Download my data": everything stored about this sign-up, as JSON. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const signup = await signups.byToken(locals.supabase, params.token);
	if (!signup) error(404, 'Not found');
	return json(signups.exportOf(signup), {
		headers: {
			'cache-control': 'no-store',
			'content-disposition': 'attachment; filename="sammen-signup.json"'
		}
	});
};
