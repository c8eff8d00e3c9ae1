import type { LayoutServerLoad } from './$types';

/** The page's language, resolved from the URL by the locale hook. */
export const load: LayoutServerLoad = ({ locals }) => ({ locale: locals.locale });
