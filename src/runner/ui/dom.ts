// A minimal element builder: the runner's UI is small enough not to need a framework.
type Attrs = Record<string, string | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
	tag: K,
	attrs: Attrs = {},
	...children: Array<Node | string | undefined>
): HTMLElementTagNameMap[K] {
	const el = document.createElement(tag);
	for (const [name, value] of Object.entries(attrs)) {
		if (value === undefined || value === false) continue;
		if (name === 'class') el.className = String(value);
		else el.setAttribute(name, value === true ? '' : value);
	}
	for (const child of children) if (child !== undefined) el.append(child);
	return el;
}
