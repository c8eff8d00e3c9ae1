import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { SMTPConnection, type SMTPConnectionOptions } from 'smtp-server/lib/smtp-connection';
import type { Envelope } from './message.ts';

export const DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
const IDLE_TIMEOUT_MS = 5 * 60 * 1000;
const MAX_CONNECTIONS = 100;
const MAX_RECIPIENTS = 1000;
// A client that resets or drops the connection is routine here, not worth a log line.
const QUIET_ERRORS = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNECTION']);

export interface SmtpServerOptions {
	/** 0 picks a free port. */
	port: number;
	maxMessageBytes?: number;
	/**
	 * Called once per accepted message. A rejection is the client's answer: its `responseCode`
	 * (554 for a message that cannot be parsed), else 451 so that the sender retries.
	 */
	onMessage(envelope: Envelope, raw: Buffer): Promise<void>;
}

export interface SmtpServer {
	port: number;
	/** Stops listening and drops every open connection. */
	close(): Promise<void>;
}

/**
 * smtp-server waits 100 ms before its greeting and refuses a client that speaks first (a trap
 * for spam bots). On loopback that only costs time: the outbox opens a connection per mail, so a
 * burst of 150 sign-up mails took 15 s longer to arrive. This greets at once, as the hand-written
 * server did; the connection otherwise starts exactly as smtp-server's own `connect` starts it.
 */
class PromptSMTPServer extends SMTPServer {
	override connect(socket: Socket | TLSSocket, options?: SMTPConnectionOptions | null): void {
		const connection = new SMTPConnection(this, socket, options);
		this.connections.add(connection);
		connection.on('error', (error: Error) => this.emit('error', error));
		connection.on('connect', (info: unknown) => this.emit('connect', info));
		connection._setListeners(() => {
			if (this.connections.size > MAX_CONNECTIONS) {
				return connection.send(421, `${connection.name} Too many connected clients`, false);
			}
			connection.connectionReady();
		});
	}
}

function envelopeOf(session: SMTPServerSession): Envelope {
	const { mailFrom, rcptTo } = session.envelope;
	return { from: mailFrom ? mailFrom.address : '', to: rcptTo.map((rcpt) => rcpt.address) };
}

/** Reads one message, holding no more than `maxBytes` of it, and hands it on. */
function receive(
	stream: SMTPServerDataStream,
	session: SMTPServerSession,
	onMessage: SmtpServerOptions['onMessage'],
	done: (error?: Error | null) => void
): void {
	let chunks: Buffer[] = [];
	stream.on('data', (chunk: Buffer) => {
		// Past the limit the rest is read and dropped; smtp-server answers 552 (rejectOversized).
		if (stream.sizeExceeded) chunks = [];
		else chunks.push(chunk);
	});
	stream.on('end', () => {
		if (stream.sizeExceeded) return done(new Error('Message too big'));
		onMessage(envelopeOf(session), Buffer.concat(chunks)).then(
			() => done(),
			(error: Error & { responseCode?: number }) => {
				if (!error.responseCode) console.error('mail catcher: could not keep a message', error);
				done(
					Object.assign(new Error(error.responseCode ? error.message : 'Local error'), {
						responseCode: error.responseCode ?? 451
					})
				);
			}
		);
	});
}

/**
 * nodemailer's smtp-server on 127.0.0.1, accepting every message for every recipient. Like
 * Inbucket and Mailpit it offers no TLS (loopback only) and takes AUTH PLAIN/LOGIN with any
 * credentials without requiring it, so the app's transport works with or without SMTP_USER.
 */
export function startSmtpServer(options: SmtpServerOptions): Promise<SmtpServer> {
	const sockets = new Set<Socket>();
	const server = new PromptSMTPServer({
		name: 'localhost',
		banner: 'mail catcher ready',
		logger: false,
		disabledCommands: ['STARTTLS'],
		authMethods: ['PLAIN', 'LOGIN'],
		authOptional: true,
		allowInsecureAuth: true,
		disableReverseLookup: true,
		size: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
		rejectOversized: true,
		maxRecipients: MAX_RECIPIENTS,
		socketTimeout: IDLE_TIMEOUT_MS,
		// Synchronously, so the greeting goes out before anything the client sent is read.
		onConnect: (_session, callback) => callback(),
		onAuth: (auth, _session, callback) => callback(null, { user: auth.username || 'anyone' }),
		onData: (stream, session, callback) => receive(stream, session, options.onMessage, callback)
	});
	server.server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, '127.0.0.1', () => {
			server.off('error', reject);
			server.on('error', (error: NodeJS.ErrnoException) => {
				if (!QUIET_ERRORS.has(error.code ?? '')) console.error('mail catcher: SMTP error', error);
			});
			let closing: Promise<void> | undefined;
			resolve({
				port: (server.server.address() as AddressInfo).port,
				// smtp-server would give open sessions 30 s to finish; a catcher has nothing to save.
				close: () =>
					(closing ??= new Promise<void>((done) => {
						server.close(() => done());
						for (const socket of sockets) socket.destroy();
					}))
			});
		});
	});
}
