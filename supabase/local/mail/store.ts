import { isAddressedTo, type MailMessage } from './message.ts';

type Waiter = (message: MailMessage) => void;

/** Received messages, newest first, in memory only: a restart of the catcher forgets them. */
export class MailStore {
	#messages: MailMessage[] = [];
	#waiters = new Set<Waiter>();
	#maxMessages: number;

	/** Beyond `maxMessages` the oldest are dropped, so a long dev session cannot grow forever. */
	constructor(options: { maxMessages?: number } = {}) {
		this.#maxMessages = options.maxMessages ?? 1000;
	}

	add(message: MailMessage): void {
		this.#messages.unshift(message);
		if (this.#messages.length > this.#maxMessages) this.#messages.length = this.#maxMessages;
		for (const waiter of [...this.#waiters]) waiter(message);
	}

	list(): MailMessage[] {
		return [...this.#messages];
	}

	get(id: string): MailMessage | undefined {
		return this.#messages.find((message) => message.id === id);
	}

	delete(id: string): boolean {
		const before = this.#messages.length;
		this.#messages = this.#messages.filter((message) => message.id !== id);
		return this.#messages.length < before;
	}

	/** Returns how many messages were removed. */
	clear(): number {
		const count = this.#messages.length;
		this.#messages = [];
		return count;
	}

	/** Messages to `address` by To, Cc or envelope (Bcc), newest first; case-insensitive. */
	search(address: string): MailMessage[] {
		return this.#messages.filter((message) => isAddressedTo(message, address));
	}

	latestFor(address: string): MailMessage | undefined {
		return this.#messages.find((message) => isAddressedTo(message, address));
	}

	/**
	 * The newest stored message matching `predicate`, or else the first one to arrive within
	 * `timeoutMs`. Stored messages count so that a test cannot miss a mail that was delivered
	 * between triggering it and starting to wait; tests use unique addresses or `clear()`.
	 */
	waitFor(predicate: (message: MailMessage) => boolean, timeoutMs = 5000): Promise<MailMessage> {
		try {
			const existing = this.#messages.find(predicate);
			if (existing) return Promise.resolve(existing);
		} catch (error) {
			return Promise.reject(error);
		}
		return new Promise((resolve, reject) => {
			const done = () => {
				clearTimeout(timer);
				this.#waiters.delete(waiter);
			};
			const waiter: Waiter = (message) => {
				try {
					if (!predicate(message)) return;
					done();
					resolve(message);
				} catch (error) {
					done();
					reject(error);
				}
			};
			const timer = setTimeout(() => {
				done();
				reject(new Error(`mail catcher: no matching message within ${timeoutMs} ms`));
			}, timeoutMs);
			this.#waiters.add(waiter);
		});
	}
}
