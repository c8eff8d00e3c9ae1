// Accessibility checks beyond axe, for any page: reflow at 320 CSS px (WCAG 1.4.10), text at
// 200 % (1.4.4) with the primary actions still visible and clickable, and a visible focus
// indicator (2.4.7) where the keyboard is.
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** No sideways scrolling at 320 CSS px. */
export async function expectReflow(page: Page): Promise<void> {
	const size = page.viewportSize();
	await page.setViewportSize({ width: 320, height: 800 });
	const { width, widest } = await page.evaluate(() => {
		// The deepest elements that cannot be narrower than the page's column (their min-content
		// width), to say what to fix.
		const minWidth = (el: HTMLElement) => {
			const before = el.style.width;
			el.style.width = 'min-content';
			const w = el.getBoundingClientRect().width;
			el.style.width = before;
			return w;
		};
		const widest: string[] = [];
		const walk = (el: HTMLElement) => {
			const wide = [...el.children].filter(
				(c): c is HTMLElement => c instanceof HTMLElement && minWidth(c) > window.innerWidth - 32
			);
			if (!wide.length && el !== document.body)
				widest.push(
					`<${el.tagName.toLowerCase()} class="${el.className}"> ${Math.round(minWidth(el))} px: ${el.textContent?.trim().slice(0, 40)}`
				);
			for (const c of wide) walk(c);
		};
		const width = document.scrollingElement!.scrollWidth;
		if (width > window.innerWidth) walk(document.body);
		// Or what is drawn past the right edge without being wide itself (positioned, transformed).
		if (width > window.innerWidth && !widest.length) {
			const past = [...document.querySelectorAll<HTMLElement>('body *')].filter(
				(el) => el.getBoundingClientRect().right > window.innerWidth + 0.5
			);
			for (const el of past.filter((el) => !past.some((o) => o !== el && el.contains(o))))
				widest.push(
					`<${el.tagName.toLowerCase()} class="${el.className}"> right ${Math.round(el.getBoundingClientRect().right)} px: ${el.textContent?.trim().slice(0, 40)}`
				);
		}
		return { width, widest: widest.slice(0, 5) };
	});
	expect(
		width,
		`scrollWidth at 320 px on ${page.url()}: ${widest.join(' | ')}`
	).toBeLessThanOrEqual(320);
	if (size) await page.setViewportSize(size);
}

/**
 * With the root font size at 200 % on a 1280 px wide window: no sideways scrolling, and every
 * visible button (and link styled as one) in the main content is on top where it is drawn, so a
 * click reaches it, and shows its whole label.
 */
export async function expectDoubleText(page: Page): Promise<void> {
	const size = page.viewportSize();
	await page.setViewportSize({ width: 1280, height: 900 });
	const problems = await page.evaluate(async () => {
		const root = document.documentElement;
		const before = root.style.fontSize;
		root.style.fontSize = '200%';
		const out: string[] = [];
		try {
			const doc = document.scrollingElement!;
			if (doc.scrollWidth > window.innerWidth)
				out.push(`scrollWidth ${doc.scrollWidth} > ${window.innerWidth}`);
			const actions = document.querySelectorAll<HTMLElement>(
				'main button, main input[type="submit"], main a.ds-button'
			);
			for (const el of actions) {
				if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
				const name = (el.textContent || el.getAttribute('aria-label') || el.tagName).trim();
				el.scrollIntoView({ block: 'center', inline: 'center' });
				const r = el.getBoundingClientRect();
				if (r.width < 1 || r.height < 1) continue;
				const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
				if (!hit || !(hit === el || el.contains(hit)))
					out.push(
						`"${name}" is covered by <${hit?.tagName.toLowerCase()} class="${hit?.className}">`
					);
				if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
					out.push(`"${name}" clips its label`);
				if (r.right > window.innerWidth + 1 || r.left < -1) out.push(`"${name}" is off screen`);
			}
		} finally {
			root.style.fontSize = before;
			window.scrollTo(0, 0);
		}
		return out;
	});
	expect(problems, `at 200 % text on ${page.url()}`).toEqual([]);
	if (size) await page.setViewportSize(size);
}

/**
 * The focused element shows a focus ring: an outline or a box shadow that is not none, on the
 * element or, for a checkbox or radio button, on its field (Designsystemet rings the box and its
 * label together).
 */
export async function expectFocusVisible(target: Locator): Promise<void> {
	await expect(target).toBeFocused();
	const ring = await target.evaluate((el) => {
		const drawn = (e: Element) => {
			const style = getComputedStyle(e);
			return (
				(style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
				style.boxShadow !== 'none'
			);
		};
		const field = el.matches('[type="checkbox"], [type="radio"]') ? el.closest('.ds-field') : null;
		return {
			focusVisible: el.matches(':focus-visible'),
			drawn: drawn(el) || (field !== null && drawn(field))
		};
	});
	expect(ring.focusVisible, 'matches :focus-visible').toBe(true);
	expect(ring.drawn, 'draws a focus ring').toBe(true);
}

/** Presses Tab (at most `max` times) until `target` has focus; its ring must then show. */
export async function tabTo(page: Page, target: Locator, max = 120): Promise<void> {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
			await expectFocusVisible(target);
			return;
		}
	}
	throw new Error(`not reachable with Tab within ${max} presses: ${target}`);
}
