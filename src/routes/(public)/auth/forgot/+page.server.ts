import * as accounts from '$lib/server/accounts';
import { formError, limitedMail, parse, readForm } from '$lib/server/forms';
import { emailOnlySchema } from '$lib/schemas/auth';
import type { Actions } from './$types';

export const actions: Actions = {
	/** Mails a password-reset link; answers alike whether or not the address has an account. */
	default: async ({ request, locals, getClientAddress }) => {
		const values = await readForm(request);
		const { data, failure } = parse(emailOnlySchema, values, locals.locale);
		if (!data) return failure;
		const tooMany = await limitedMail(getClientAddress(), data.email, locals.locale, values);
		if (tooMany) return tooMany;
		const result = await accounts.sendPasswordReset(locals.supabase, data);
		if (result) return formError(400, result.error, locals.locale, values);
		return { sent: true };
	}
};
