/** Reads the activity form's kept values (strings, lists and checkboxes) with defaults. */
export function formValues(values: Record<string, unknown>) {
	return {
		str: (k: string, fallback = '') =>
			typeof values[k] === 'string' ? (values[k] as string) : fallback,
		list: (k: string) => (Array.isArray(values[k]) ? (values[k] as string[]) : []),
		checked: (k: string, fallback: boolean) =>
			values[k] === undefined ? fallback : values[k] === 'on' || values[k] === true
	};
}

export type FormValues = ReturnType<typeof formValues>;
