/**
 * Civil (calendar) dates as day numbers: days since 1970-01-01, independent of any time zone.
 * Whole numbers make "next Tuesday" and "every other week" plain integer arithmetic.
 */
export const DAY_MS = 86_400_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
	if (month === 2) return isLeapYear(year) ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Day number of a calendar date; setUTCFullYear because Date.UTC maps years 0–99 to 19xx. */
export function dayNumber(year: number, month: number, day: number): number {
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	return Math.floor(date.getTime() / DAY_MS);
}

export function dateParts(day: number): { year: number; month: number; day: number } {
	const date = new Date(day * DAY_MS);
	return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** Day number of a valid `YYYY-MM-DD` (no 31 February), or null. */
export function parseDate(text: unknown): number | null {
	const match = typeof text === 'string' ? DATE.exec(text) : null;
	if (!match) return null;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
	return dayNumber(year, month, day);
}

export function formatDate(day: number): string {
	const parts = dateParts(day);
	const pad = (n: number, width: number) => String(n).padStart(width, '0');
	const year = (parts.year < 0 ? '-' : '') + pad(Math.abs(parts.year), 4);
	return `${year}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
}

/** Minutes after midnight of a valid `HH:MM` (00:00–23:59), or null. */
export function parseTime(text: unknown): number | null {
	const match = typeof text === 'string' ? TIME.exec(text) : null;
	return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** Monday = 0 … Sunday = 6, matching WKST=MO; 1970-01-01 (day 0) was a Thursday. */
export function weekdayOf(day: number): number {
	return (((day + 3) % 7) + 7) % 7;
}

/** The nth (1–4) or last (-1) given weekday of a month. */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, nth: number) {
	if (nth < 0) {
		const last = dayNumber(year, month, daysInMonth(year, month));
		return last - ((weekdayOf(last) - weekday + 7) % 7);
	}
	const first = dayNumber(year, month, 1);
	return first + ((weekday - weekdayOf(first) + 7) % 7) + (nth - 1) * 7;
}
