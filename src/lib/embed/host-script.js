// Sammen's embed script, for other sites: every <div data-sammen-embed="list?…"> on the page gets
// an iframe of Sammen's /embed/ page, which then reports its height so the frame fits it.
(() => {
	/** @type {HTMLScriptElement | null} */
	const me =
		/** @type {HTMLScriptElement | null} */ (document.currentScript) ||
		document.querySelector('script[src$="/embed.js"]');
	if (!me) return;
	const origin = new URL(me.src).origin;
	/** @type {HTMLIFrameElement[]} */
	const frames = [];
	const place = () => {
		for (const box of document.querySelectorAll('[data-sammen-embed]:not([data-sammen-ready])')) {
			// Only Sammen's embed views: the attribute cannot point the frame anywhere else.
			const path = box.getAttribute('data-sammen-embed') || '';
			if (!/^(list|month)(\?[^#\s]*)?$/.test(path)) continue;
			const en = box.getAttribute('data-sammen-lang') === 'en';
			const frame = document.createElement('iframe');
			frame.src = `${origin}${en ? '/en' : ''}/embed/${path}`;
			frame.title = box.getAttribute('data-sammen-title') || (en ? 'Activities' : 'Aktiviteter');
			frame.loading = 'lazy';
			frame.style.cssText = 'display:block;width:100%;height:300px;border:0';
			box.setAttribute('data-sammen-ready', '');
			frames.push(frame);
			box.appendChild(frame);
		}
	};
	// Heights only from Sammen's origin, and only for frames this script made.
	addEventListener('message', (event) => {
		if (event.origin !== origin || !event.data || event.data.sammen !== 'height') return;
		const frame = frames.find((f) => f.contentWindow === event.source);
		const height = Math.round(Number(event.data.height));
		if (frame && height > 0 && height < 50000) frame.style.height = `${height}px`;
	});
	if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', place);
	else place();
})();
