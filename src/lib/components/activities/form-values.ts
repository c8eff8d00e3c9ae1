import type { HTMLInputAttributes } from 'svelte/elements';

type Translate = (key: string) => string;

/**
 * Reads the activity form's kept values (strings, lists and checkboxes) with defaults, and
 * builds a text field's props from its name and message key, so each field is one line.
 */
export function formValues(
	values: Record<string, unknown>,
	errors: Record<string, string>,
	t: Translate
) {
	const str = (k: string, fallback = '') =>
		typeof values[k] === 'string' ? (values[k] as string) : fallback;
	return {
		str,
		list: (k: string) => (Array.isArray(values[k]) ? (values[k] as string[]) : []),
		checked: (k: string, fallback: boolean) =>
			values[k] === undefined ? fallback : values[k] === 'on' || values[k] === true,
		/** Props for a TextField: `hint` is a message key; the rest are input attributes. */
		field: (
			name: string,
			label: string,
			{
				fallback = '',
				hint,
				...input
			}: { fallback?: string; hint?: string } & Omit<
				HTMLInputAttributes,
				'name' | 'value' | 'id'
			> = {}
		) => ({
			...input,
			name,
			label: t(label),
			hint: hint && t(hint),
			value: str(name, fallback),
			error: errors[name]
		})
	};
}

export type FormValues = ReturnType<typeof formValues>;
