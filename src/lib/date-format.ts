/**
 * Date formats made once and kept: making an Intl.DateTimeFormat costs far more than using one
 * (a profile of the home page under load spent a fifth of the app's time making them, and most
 * of its garbage collection on what they left). Keyed by the language and the options as
 * written at each call site, so the same call finds the same format; bounded, since a time zone
 * can come from data.
 */
const formats = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATS = 500;

export function dateFormat(
	locale: string,
	options: Intl.DateTimeFormatOptions
): Intl.DateTimeFormat {
	const key = `${locale}|${JSON.stringify(options)}`;
	let format = formats.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, options);
		if (formats.size >= MAX_FORMATS) formats.clear();
		formats.set(key, format);
	}
	return format;
}
