import type { HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { locale } from '$lib/server/hooks/locale';
import { securityHeaders } from '$lib/server/hooks/security-headers';
import { session } from '$lib/server/hooks/session';
import { supabase } from '$lib/server/hooks/supabase';

export const handle = sequence(supabase, session, locale, securityHeaders);

/**
 * Unexpected errors: log the error (never the request body, which may hold personal data) and
 * show the visitor only a translated, generic message (the error page picks it by status).
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status !== 404)
		console.error(`[${status}] ${event.request.method} ${event.url.pathname}`, error);
	return { message };
};
