/**
 * How a host site may theme an embed, read from the embed's URL. Every value is checked; one that
 * fails is dropped (the embed still shows, in Sammen's own colours) and reported to the builder.
 */
export interface Theme {
	/** A 6-digit hex colour (`#1a5f7a`) that keeps AA contrast on white, or null for the default. */
	accent: string | null;
	/** Tighter spacing, for narrow sidebars. */
	compact: boolean;
	/** Whether the embed shows its own heading (`header=0` hides it). */
	header: boolean;
}

export type ThemeProblem = 'embed.errors.accentFormat' | 'embed.errors.accentContrast';

/** The contrast WCAG 2.x level AA asks of normal text. */
export const AA_CONTRAST = 4.5;

const HEX = /^#?([0-9a-f]{6})$/i;

/** WCAG 2.x relative luminance of a `#rrggbb` colour. */
export function luminance(hex: string): number {
	const channel = (i: number) => {
		const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** The contrast ratio of a `#rrggbb` colour against white (1 to 21). */
export const contrastOnWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

/** Reads `accent`, `compact` and `header`; an accent that is not a colour or too light is dropped. */
export function readTheme(params: URLSearchParams): { theme: Theme; problem: ThemeProblem | null } {
	const raw = (params.get('accent') ?? '').trim();
	const match = HEX.exec(raw);
	const hex = match ? `#${match[1].toLowerCase()}` : null;
	let problem: ThemeProblem | null = null;
	if (raw && !hex) problem = 'embed.errors.accentFormat';
	else if (hex && contrastOnWhite(hex) < AA_CONTRAST) problem = 'embed.errors.accentContrast';
	return {
		theme: {
			accent: hex && !problem ? hex : null,
			compact: params.get('compact') === '1',
			header: params.get('header') !== '0'
		},
		problem
	};
}

/** The query parameters of `theme` (defaults left out), to append to a filter query. */
export function themeParams(theme: Theme): [string, string][] {
	const params: [string, string][] = [];
	if (theme.accent) params.push(['accent', theme.accent.slice(1)]);
	if (theme.compact) params.push(['compact', '1']);
	if (!theme.header) params.push(['header', '0']);
	return params;
}
