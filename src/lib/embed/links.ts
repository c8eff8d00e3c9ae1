import { filterQuery, type Filters } from '$lib/discovery/filters';
import { localizePath, type Locale } from '$lib/i18n/locales';
import { themeParams, type Theme } from './theme';

export const VIEWS = ['list', 'month'] as const;
export type View = (typeof VIEWS)[number];

/** What the builder makes codes for: a filtered list, shown as a list or a month, themed. */
export interface ShareChoice {
	filters: Filters;
	view: View;
	theme: Theme;
	locale: Locale;
}

/** The filter query without the list's paging cursor (a shared calendar always starts now). */
const query = (filters: Filters) => filterQuery({ ...filters, after: '' });

/** The query of an embed: the filters, then its theme. */
export function embedQuery(filters: Filters, theme: Theme): string {
	const params = new URLSearchParams(query(filters));
	for (const [k, v] of themeParams(theme)) params.append(k, v);
	const text = params.toString();
	return text ? `?${text}` : '';
}

const escape = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * Every address and code the builder hands out, absolute on `origin`. The calendar files and
 * the JSON list are served by their own routes (`/feeds/sessions.ics`, `/api/v1/sessions`);
 * only their addresses are made here.
 */
export function shareLinks(origin: string, choice: ShareChoice, title: string) {
	const { filters, view, theme, locale } = choice;
	const embedPath = `${view}${embedQuery(filters, theme)}`;
	const embed = `${origin}${localizePath(`/embed/${view}`, locale)}${embedQuery(filters, theme)}`;
	const ics = `${origin}/feeds/sessions.ics${query(filters)}`;
	const host = origin.replace(/^https?:\/\//, '');
	const lang = locale === 'en' ? ' data-sammen-lang="en"' : '';
	return {
		embed,
		iframe:
			`<iframe src="${escape(embed)}" title="${escape(title)}" loading="lazy"` +
			` style="width: 100%; height: 600px; border: 0"></iframe>`,
		script:
			`<div data-sammen-embed="${escape(embedPath)}"${lang} data-sammen-title="${escape(title)}"></div>\n` +
			`<script src="${origin}/embed.js" async></script>`,
		ics,
		webcal: `webcal://${host}/feeds/sessions.ics${query(filters)}`,
		json: `${origin}/api/v1/sessions${query(filters)}`,
		list: `${origin}${localizePath('/', locale)}${query(filters)}`
	};
}
