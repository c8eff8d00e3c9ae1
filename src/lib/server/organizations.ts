import type { PublicOrganization } from '$lib/types/organizations';
import { readAsAnon } from './temporary-db';

/** Approved organizations, by name, as any visitor may see them. */
export async function listApproved(): Promise<PublicOrganization[]> {
	return readAsAnon(
		(tx) => tx<PublicOrganization[]>`
			select slug, name, description, kind, approaches, city, region, website
			from public.organizations
			order by name`
	);
}
