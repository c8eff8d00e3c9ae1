import { z } from 'zod';

const optional = (max: number, key: string) =>
	z
		.string()
		.trim()
		.max(max, { error: key })
		.optional()
		.transform((v) => v || '');

/**
 * The sign-up form. A chosen name (a nickname is fine), at least one way to be reached, and the
 * consent box, which must be ticked; the rest is optional.
 */
export const signupSchema = z
	.object({
		name: z
			.string()
			.trim()
			.min(1, { error: 'signup.errors.name' })
			.max(60, { error: 'signup.errors.name' }),
		email: optional(255, 'signup.errors.email').refine(
			(v) => !v || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v),
			{
				error: 'signup.errors.email'
			}
		),
		phone: optional(20, 'signup.errors.phone').refine((v) => !v || /^\+?[0-9 ]{5,20}$/.test(v), {
			error: 'signup.errors.phone'
		}),
		note: optional(500, 'signup.errors.note'),
		firstTime: z.literal('on').optional(),
		reminder: z.literal('on').optional(),
		role: z.enum(['participant', 'helper']).default('participant'),
		consent: z.literal('yes', { error: 'signup.errors.consent' }),
		sessionId: z
			.uuid({ error: 'signup.errors.session' })
			.optional()
			.or(z.literal('').transform(() => undefined)),
		key: z.uuid({ error: 'signup.errors.generic' })
	})
	.refine((f) => f.email || f.phone, { error: 'signup.errors.contact', path: ['email'] });

export type SignupForm = z.infer<typeof signupSchema>;
