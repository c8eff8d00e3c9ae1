import { z } from 'zod';

/** The organization's privacy settings form. */
export const privacySchema = z.object({
	discreet: z
		.literal('on')
		.optional()
		.transform((v) => v === 'on'),
	retentionDays: z.coerce
		.number({ error: 'org.errors.retention' })
		.int({ error: 'org.errors.retention' })
		.min(1, { error: 'org.errors.retention' })
		.max(90, { error: 'org.errors.retention' })
});
