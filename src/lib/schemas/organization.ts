import { z } from 'zod';
import { Constants } from '$lib/database.types';

export const APPROACHES = Constants.public.Enums.approach;

// An empty field means "none" (null in the database); otherwise trimmed and checked.
const optional = (check: z.ZodString) =>
	z
		.string()
		.trim()
		.transform((v) => v || null)
		.pipe(z.union([z.null(), check]));

/**
 * The organization settings form (owners and admins). The limits and formats are the table's
 * own checks (supabase/migrations/*_organizations.sql), so the database never has to refuse.
 * `approaches` arrives as a list (one value per ticked checkbox).
 */
export const organizationSettingsSchema = z.object({
	name: z
		.string()
		.trim()
		.min(2, { error: 'org.errors.name' })
		.max(120, { error: 'org.errors.name' }),
	description: z.string().trim().max(5000, { error: 'org.errors.description' }),
	approaches: z.array(z.enum(APPROACHES, { error: 'org.errors.approaches' })).default([]),
	city: optional(z.string().max(80, { error: 'org.errors.city' })),
	region: optional(z.string().max(80, { error: 'org.errors.region' })),
	website: optional(
		z
			.string()
			.max(500, { error: 'org.errors.website' })
			.regex(/^https?:\/\/[^\s/]+\.[^\s]+$/i, { error: 'org.errors.website' })
	),
	contactEmail: optional(
		z
			.string()
			.max(255, { error: 'org.errors.email' })
			.regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { error: 'org.errors.email' })
	),
	contactPhone: optional(z.string().regex(/^\+?[0-9 ]{5,20}$/, { error: 'org.errors.phone' })),
	retentionDays: z
		.string()
		.trim()
		.regex(/^\d{1,2}$/, { error: 'org.errors.retention' })
		.transform(Number)
		.refine((n) => n >= 1 && n <= 90, { error: 'org.errors.retention' }),
	discreet: z
		.literal('on')
		.optional()
		.transform((v) => v === 'on')
});

export type OrganizationSettings = z.infer<typeof organizationSettingsSchema>;

/** A submitted settings form as the schema takes it: the ticked approaches as a list. */
export function settingsInput(form: FormData): Record<string, unknown> {
	const values: Record<string, unknown> = {};
	for (const [key, value] of form) if (typeof value === 'string') values[key] = value;
	values.approaches = form.getAll('approaches').filter((v) => typeof v === 'string');
	return values;
}
