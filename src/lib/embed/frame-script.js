// Inside Sammen's embed pages only: tells the host page how tall the content is, so the embed
// script there can size the iframe. Only a number is sent, so any parent may hear it.
(() => {
	if (parent === window) return;
	const send = () =>
		parent.postMessage(
			{ sammen: 'height', height: Math.ceil(document.body.getBoundingClientRect().height) },
			'*'
		);
	new ResizeObserver(send).observe(document.body);
	addEventListener('load', send);
})();
