import { sequence } from '@sveltejs/kit/hooks';
import { locale } from '$lib/server/hooks/locale';
import { securityHeaders } from '$lib/server/hooks/security-headers';

export const handle = sequence(locale, securityHeaders);
