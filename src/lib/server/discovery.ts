import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { Filters } from '$lib/discovery/filters';
import { instantToZoned } from '$lib/recurrence';
import type { Day } from '$lib/discovery/types';
import { ZONE } from '$lib/discovery/window';
import { searchWords } from './search-words';

type Client = SupabaseClient<Database>;
export type FoundSession = Database['public']['Functions']['discover_sessions']['Returns'][number];

/** Sessions a page shows at most; a full page offers "later sessions". */
export const PAGE_SIZE = 40;

/**
 * Upcoming public sessions matching `filters` in the window `from`–`to`, grouped by Oslo day,
 * at most `limit` (PAGE_SIZE by default; the database gives 200 at most).
 * `next` is the cursor of a following page when this one is full. `fuzzy`: the text matched no
 * word, so these are the closest titles.
 */
export async function listUpcoming(
	supabase: Client,
	input: { filters: Filters; from: Date; to: Date; limit?: number }
): Promise<{ days: Day[]; next: string | null; fuzzy: boolean }> {
	const { filters, limit = PAGE_SIZE } = input;
	const [afterAt, afterId] = filters.after ? filters.after.split('_') : [];
	const words = searchWords(filters.q);
	const { data, error } = await supabase.rpc('discover_sessions', {
		p_from: input.from.toISOString(),
		p_to: input.to.toISOString(),
		p_words: words.length ? words : undefined,
		p_categories: filters.category.length ? filters.category : undefined,
		p_attributes: filters.attr.length ? filters.attr : undefined,
		p_organization: filters.org || undefined,
		p_city: filters.city || undefined,
		p_online: filters.mode === 'any' ? undefined : filters.mode === 'online',
		p_after_at: afterAt,
		p_after_id: afterId,
		p_limit: limit
	});
	if (error) throw new Error(`discovery.listUpcoming: ${error.code} ${error.message}`);
	const days: Day[] = [];
	for (const session of data) {
		const date = instantToZoned(new Date(session.starts_at), ZONE).date;
		if (days.at(-1)?.date !== date) days.push({ date, sessions: [] });
		days.at(-1)!.sessions.push(session);
	}
	const last = data.at(-1);
	return {
		days,
		next: data.length === limit && last ? `${last.starts_at}_${last.session_id}` : null,
		fuzzy: data[0]?.fuzzy ?? false
	};
}

/** The cities that have public activities, for the city filter. */
export async function listCities(supabase: Client): Promise<string[]> {
	const { data, error } = await supabase.rpc('discover_cities');
	if (error) throw new Error(`discovery.listCities: ${error.code} ${error.message}`);
	return data;
}
