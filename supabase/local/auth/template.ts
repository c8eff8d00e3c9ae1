/**
 * The part of Go's template language that Supabase Auth's e-mail templates use: `{{ .Field }}`,
 * `{{ .Data.key }}`, `{{ if … }}…{{ else if … }}…{{ else }}…{{ end }}` with `eq`/`ne`/`and`/
 * `or`/`not`, and `{{-`/`-}}` trimming. Values are HTML-escaped as html/template does in text.
 */
type Node =
	| { kind: 'text'; text: string }
	| { kind: 'value'; expr: string }
	| { kind: 'if'; branches: { cond: string | null; body: Node[] }[] };

const TAG = /\{\{(-?)\s*([\s\S]*?)\s*(-?)\}\}/g;

export function parseTemplate(source: string): Node[] {
	const tokens: ({ kind: 'text'; text: string } | { kind: 'tag'; body: string })[] = [];
	let last = 0;
	let trimNext = false;
	for (const m of source.matchAll(TAG)) {
		let text = source.slice(last, m.index);
		if (trimNext) text = text.replace(/^\s+/, '');
		if (m[1] === '-') text = text.replace(/\s+$/, '');
		tokens.push({ kind: 'text', text }, { kind: 'tag', body: m[2] });
		trimNext = m[3] === '-';
		last = m.index + m[0].length;
	}
	const tail = source.slice(last);
	tokens.push({ kind: 'text', text: trimNext ? tail.replace(/^\s+/, '') : tail });

	let i = 0;
	const block = (stops: string[]): { nodes: Node[]; stop: string } => {
		const nodes: Node[] = [];
		while (i < tokens.length) {
			const t = tokens[i++];
			if (t.kind === 'text') {
				if (t.text) nodes.push({ kind: 'text', text: t.text });
				continue;
			}
			const word = t.body.split(/\s+/)[0];
			if (stops.includes(word)) return { nodes, stop: t.body };
			if (word === 'if') {
				const branches: { cond: string | null; body: Node[] }[] = [];
				let cond: string | null = t.body.slice(2).trim();
				for (;;) {
					const { nodes: body, stop } = block(['else', 'end']);
					branches.push({ cond, body });
					if (stop === 'end' || stop === '') break;
					const rest = stop.slice(4).trim();
					cond = rest.startsWith('if ') ? rest.slice(3).trim() : null;
				}
				nodes.push({ kind: 'if', branches });
			} else nodes.push({ kind: 'value', expr: t.body });
		}
		if (stops.length) throw new Error('template: missing {{ end }}');
		return { nodes, stop: '' };
	};
	return block([]).nodes;
}

type Data = Record<string, unknown>;

function lookup(path: string, data: Data): unknown {
	if (path === '.') return data;
	let value: unknown = data;
	for (const part of path.slice(1).split('.')) {
		value = value && typeof value === 'object' ? (value as Data)[part] : undefined;
	}
	return value;
}

function evaluate(expr: string, data: Data): unknown {
	const args = expr.match(/"(?:[^"\\]|\\.)*"|\([^)]*\)|\S+/g) ?? [];
	const arg = (a: string): unknown => {
		if (a.startsWith('"')) return JSON.parse(a);
		if (a.startsWith('(')) return evaluate(a.slice(1, -1), data);
		if (a.startsWith('.')) return lookup(a, data);
		if (/^-?\d+$/.test(a)) return Number(a);
		if (a === 'true' || a === 'false') return a === 'true';
		throw new Error(`template: unknown value ${a}`);
	};
	const [head = '', ...rest] = args;
	switch (head) {
		case 'eq':
			return rest.slice(1).some((r) => arg(r) === arg(rest[0]));
		case 'ne':
			return arg(rest[0]) !== arg(rest[1]);
		case 'and':
			return rest.every((r) => truthy(arg(r)));
		case 'or':
			return rest.some((r) => truthy(arg(r)));
		case 'not':
			return !truthy(arg(rest[0]));
		default:
			return arg(head);
	}
}

const truthy = (v: unknown) =>
	!(v === undefined || v === null || v === false || v === '' || v === 0);

const escape = (v: string) =>
	v.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[c]!
	);

/** Renders parsed template nodes with `data`; `html` escapes values (text/plain does not). */
export function render(nodes: Node[], data: Data, html = true): string {
	let out = '';
	for (const node of nodes) {
		if (node.kind === 'text') out += node.text;
		else if (node.kind === 'value') {
			const v = evaluate(node.expr, data);
			const s = v === undefined || v === null ? '' : String(v);
			out += html ? escape(s) : s;
		} else {
			const branch = node.branches.find((b) => b.cond === null || truthy(evaluate(b.cond, data)));
			if (branch) out += render(branch.body, data, html);
		}
	}
	return out;
}

export function renderTemplate(source: string, data: Data, html = true): string {
	return render(parseTemplate(source), data, html);
}
