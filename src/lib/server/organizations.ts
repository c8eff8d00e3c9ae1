import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { PublicOrganization } from '$lib/types/organizations';

/** Approved organizations, by name, as the caller may see them (RLS hides the rest). */
export async function listApproved(
	supabase: SupabaseClient<Database>
): Promise<PublicOrganization[]> {
	const { data, error } = await supabase
		.from('organizations')
		.select('slug, name, description, kind, approaches, city, region, website')
		.eq('status', 'approved')
		.order('name');
	if (error) throw new Error(`organizations.listApproved: ${error.code} ${error.message}`);
	return data;
}
