import { z } from 'zod';

const id = z.uuid({ error: 'error.notFound' });

/** One person's attendance, from the two check-in buttons. */
export const attendanceSchema = z.object({
	signupId: id,
	status: z.enum(['attended', 'no_show'], { error: 'attendees.errors.unchanged' })
});

/** Removing or promoting one sign-up. */
export const signupSchema = z.object({ signupId: id });

/** A message to everyone signed up; the limits are the database's (message_signups). */
export const messageSchema = z.object({
	subject: z.string().trim().min(2, { error: 'attendees.errors.subject' }).max(120, {
		error: 'attendees.errors.subject'
	}),
	body: z.string().trim().min(2, { error: 'attendees.errors.body' }).max(5000, {
		error: 'attendees.errors.body'
	})
});
