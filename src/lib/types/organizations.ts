import type { Tables } from '$lib/database.types';

/** What any visitor may see of an approved organization. */
export type PublicOrganization = Pick<
	Tables<'organizations'>,
	'slug' | 'name' | 'description' | 'kind' | 'approaches' | 'city' | 'region' | 'website'
>;
