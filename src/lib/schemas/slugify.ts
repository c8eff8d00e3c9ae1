/**
 * A web-address name from a title: lower case, Norwegian letters spelled out (æ → ae, ø → o,
 * å → a), other accents dropped, everything else a single hyphen; at most `max` characters.
 */
export function slugify(title: string, max = 60): string {
	return title
		.toLowerCase()
		.replace(/æ/g, 'ae')
		.replace(/ø/g, 'o')
		.replace(/å/g, 'a')
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.slice(0, max)
		.replace(/^-+|-+$/g, '');
}
