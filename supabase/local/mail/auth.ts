// AUTH PLAIN and AUTH LOGIN (RFC 4954) that accept any credentials: nothing here is secret, but
// clients configured with a username and password insist on authenticating.

export type AuthStep = 'plain' | 'username' | 'password';

export interface AuthResult {
	code: number;
	text: string;
	/** What the next line from the client answers, while the exchange goes on. */
	next?: AuthStep;
}

export function startAuth(arg: string): AuthResult {
	const [mechanism = '', initial] = arg.split(/\s+/);
	switch (mechanism.toUpperCase()) {
		case 'PLAIN':
			return initial ? continueAuth('plain', initial) : { code: 334, text: '', next: 'plain' };
		case 'LOGIN':
			return initial
				? continueAuth('username', initial)
				: { code: 334, text: 'VXNlcm5hbWU6', next: 'username' };
	}
	return { code: 504, text: 'Unrecognized authentication type' };
}

export function continueAuth(step: AuthStep, line: string): AuthResult {
	if (line.trim() === '*') return { code: 501, text: 'Authentication cancelled' };
	if (step === 'username') return { code: 334, text: 'UGFzc3dvcmQ6', next: 'password' };
	return { code: 235, text: 'Authentication successful' };
}
