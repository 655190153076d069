// A tiny typed listener list: subscribe returns its own unsubscribe.
export class Listeners<T> {
	#list = new Set<(value: T) => void>();
	add(listener: (value: T) => void): () => void {
		this.#list.add(listener);
		return () => this.#list.delete(listener);
	}
	emit(value: T): void {
		for (const listener of [...this.#list]) listener(value);
	}
}
