import type { Database } from '$lib/database.types';

/** One session of the public list, as discover_sessions returns it. */
export type FoundSession = Database['public']['Functions']['discover_sessions']['Returns'][number];

/** One day of the list: its Oslo date and its sessions, in time order. */
export interface Day {
	date: string;
	sessions: FoundSession[];
}
