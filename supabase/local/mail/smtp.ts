import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { Envelope } from './message.ts';
import { SmtpSession } from './session.ts';

export const DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
const IDLE_TIMEOUT_MS = 5 * 60 * 1000;
const MAX_CONNECTIONS = 100;

export interface SmtpServerOptions {
	/** 0 picks a free port. */
	port: number;
	maxMessageBytes?: number;
	/** Called once per accepted message; throwing makes the client see a 451. */
	onMessage(envelope: Envelope, raw: Buffer): void;
}

export interface SmtpServer {
	port: number;
	/** Stops listening and drops every open connection. */
	close(): Promise<void>;
}

/** An SMTP server on 127.0.0.1 that accepts every message for every recipient. */
export function startSmtpServer(options: SmtpServerOptions): Promise<SmtpServer> {
	const sockets = new Set<Socket>();
	const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;

	const server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		// Resets and half-closed peers are routine; the 'close' event does the cleanup.
		socket.on('error', () => {});
		const session = new SmtpSession({
			hostname: 'localhost',
			maxMessageBytes,
			write: (text) => {
				if (socket.writable) socket.write(text);
			},
			close: () => socket.end(),
			deliver: options.onMessage
		});
		socket.setTimeout(IDLE_TIMEOUT_MS, () => session.timeout());
		socket.on('data', (chunk: Buffer) => {
			try {
				session.feed(chunk);
			} catch (error) {
				// A bug in the session must cost one connection, never the server.
				console.error('mail catcher: SMTP session failed', error);
				socket.destroy();
			}
		});
		session.greet();
	});
	server.maxConnections = MAX_CONNECTIONS;

	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, '127.0.0.1', () => {
			server.off('error', reject);
			server.on('error', (error) => console.error('mail catcher: SMTP server error', error));
			let closing: Promise<void> | undefined;
			resolve({
				port: (server.address() as AddressInfo).port,
				close: () =>
					(closing ??= new Promise<void>((done) => {
						server.close(() => done());
						for (const socket of sockets) socket.destroy();
					}))
			});
		});
	});
}
