import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, type MailCatcher, type MailMessage } from './index.ts';
import { greetedClient, noise } from './test-client.ts';

let catcher: MailCatcher;
beforeAll(async () => {
	catcher = await startMailCatcher();
});
afterAll(() => catcher.stop());

/** Sends `raw` over SMTP and returns what the catcher made of it. */
async function roundTrip(raw: string | Buffer, to = 'kari@example.no'): Promise<MailMessage> {
	const client = await greetedClient(catcher.smtpPort);
	const reply = await client.send('noreply@sammen.no', [to], raw);
	client.destroy();
	expect(reply.code).toBe(250);
	return catcher.store.list()[0];
}

const CONFIRM =
	'https://sammen.local/auth/v1/verify?token=abc123&type=signup&redirect_to=https%3A%2F%2Fsammen.local%2F';

describe('MIME over SMTP', () => {
	it('decodes multipart/alternative with quoted-printable HTML, soft breaks and = in links', async () => {
		const message = await roundTrip(
			[
				'From: Sammen <noreply@sammen.no>',
				'To: Kari Nordmann <kari@example.no>',
				'Subject: Confirm your signup',
				'MIME-Version: 1.0',
				'Content-Type: multipart/alternative; boundary="=_alt 1"',
				'',
				'This is a multi-part message in MIME format.',
				'--=_alt 1',
				'Content-Type: text/plain; charset=utf-8',
				'Content-Transfer-Encoding: quoted-printable',
				'',
				'Bekreft p=C3=A5meldingen: https://sammen.local/plain?x=3D1.',
				'--=_alt 1',
				'Content-Type: text/html; charset="UTF-8"',
				'Content-Transfer-Encoding: quoted-printable',
				'',
				'<p>Hei!</p><a href=3D"https://sammen.local/auth/v1/verify?token=3Dabc123&amp;ty=',
				'pe=3Dsignup&amp;redirect_to=3Dhttps%3A%2F%2Fsammen.local%2F">Bekreft</a> =C3=A6=C3=B8=C3=A5',
				'--=_alt 1--',
				'epilogue'
			].join('\r\n')
		);
		expect(message.from).toBe('Sammen <noreply@sammen.no>');
		expect(message.text).toBe('Bekreft påmeldingen: https://sammen.local/plain?x=1.');
		expect(message.html).toBe(
			`<p>Hei!</p><a href="${CONFIRM.replaceAll('&', '&amp;')}">Bekreft</a> æøå`
		);
		expect(message.links).toEqual([CONFIRM, 'https://sammen.local/plain?x=1']);
	});

	it('decodes a base64 part', async () => {
		const text = `Hei Åse! Her er lenken din: https://sammen.local/b64\n${'ø'.repeat(80)}\n`;
		const encoded = Buffer.from(text).toString('base64').replace(/.{76}/g, '$&\r\n');
		const message = await roundTrip(
			`Subject: b64\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${encoded}\r\n`
		);
		expect(message.text).toBe(text);
		expect(message.links).toEqual(['https://sammen.local/b64']);
	});

	it('decodes RFC 2047 subjects and names with Norwegian letters', async () => {
		const subject = Buffer.from('Bekreft påmeldingen – æøå ÆØÅ').toString('base64');
		const message = await roundTrip(
			[
				`Subject: =?utf-8?B?${subject}?=`,
				'From: =?UTF-8?Q?Bl=C3=A5b=C3=A6r?=',
				' =?UTF-8?Q?_og_=C3=B8l?= <bar@example.no>',
				'To: =?iso-8859-1?q?=D8ystein?= <oystein@example.no>',
				'',
				'body'
			].join('\r\n'),
			'oystein@example.no'
		);
		expect(message.subject).toBe('Bekreft påmeldingen – æøå ÆØÅ');
		expect(message.from).toBe('Blåbær og øl <bar@example.no>');
		expect(message.headers.find((h) => h.name === 'To')?.value).toBe(
			'Øystein <oystein@example.no>'
		);
		expect(message.to).toEqual(['oystein@example.no']);
	});

	it('makes up no text for an HTML-only mail, as Auth sends them', async () => {
		const html = '<h2>Bekreft</h2><p><a href="https://sammen.local/confirm?t=1">Bekreft</a></p>';
		const message = await roundTrip(
			[
				'Subject: Bekreft',
				'MIME-Version: 1.0',
				'Content-Type: text/html; charset=utf-8',
				'Content-Transfer-Encoding: base64',
				'',
				Buffer.from(html).toString('base64')
			].join('\r\n')
		);
		expect(message.text).toBe('');
		expect(message.html).toBe(html);
		expect(message.links).toEqual(['https://sammen.local/confirm?t=1']);
	});

	it('keeps an HTML part and a plain-text footer apart in multipart/mixed', async () => {
		const message = await roundTrip(
			[
				'Subject: Footer',
				'Content-Type: multipart/mixed; boundary=m',
				'',
				'--m',
				'Content-Type: text/html',
				'',
				'<p>Hei</p>',
				'--m',
				'Content-Type: text/plain',
				'',
				'Avmeld: https://list.example/off',
				'--m--'
			].join('\r\n')
		);
		// mailparser joins the body parts in order (HTML with <br/>, text with \n), each part
		// adding to its own kind only; the empty piece is where the other part was.
		expect(message.html).toBe('<p>Hei</p><br/>\n');
		expect(message.text).toBe('\nAvmeld: https://list.example/off');
	});

	it('leaves cid: images in the HTML as sent instead of inlining them', async () => {
		const message = await roundTrip(
			[
				'Subject: Logo',
				'Content-Type: multipart/related; boundary=r',
				'',
				'--r',
				'Content-Type: text/html; charset=utf-8',
				'',
				'<p>Hei</p><img src="cid:logo@sammen" alt="">',
				'--r',
				'Content-Type: image/png',
				'Content-ID: <logo@sammen>',
				'Content-Transfer-Encoding: base64',
				'',
				noise(64, 3).toString('base64'),
				'--r--'
			].join('\r\n')
		);
		expect(message.html).toBe('<p>Hei</p><img src="cid:logo@sammen" alt="">');
	});

	it('finds text and HTML inside nested multipart/mixed and keeps attachments out of both', async () => {
		const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), noise(3000, 7)]);
		const message = await roundTrip(
			[
				'Subject: Nested',
				'Content-Type: multipart/mixed; boundary=outer',
				'',
				'--outer',
				'Content-Type: multipart/alternative; boundary="inner"',
				'',
				'--inner',
				'Content-Type: text/plain',
				'',
				'plain body',
				'--inner',
				'Content-Type: text/html',
				'',
				"<a href='https://a.example/x'>x</a>",
				'--inner--',
				'--outer',
				'Content-Type: text/plain; name="notes.txt"',
				'Content-Disposition: attachment; filename="notes.txt"',
				'',
				'attached https://attached.example/',
				'--outer',
				'Content-Type: application/pdf; name="=?utf-8?Q?Pl=C3=A5n.pdf?="',
				'Content-Disposition: attachment',
				'Content-Transfer-Encoding: base64',
				'',
				pdf.toString('base64').replace(/.{76}/g, '$&\r\n'),
				'--outer',
				'Content-Type: text/calendar; method=REQUEST; charset=utf-8',
				'',
				'BEGIN:VCALENDAR',
				'URL:https://calendar.example/',
				'END:VCALENDAR',
				'--outer--'
			].join('\r\n')
		);
		expect(message.text).toBe('plain body');
		expect(message.html).toBe("<a href='https://a.example/x'>x</a>");
		expect(message.links).toEqual(['https://a.example/x']);
		expect(message.raw).toContain('Content-Type: application/pdf');
	});

	it('decodes an 8-bit body in its declared charset and as UTF-8 when none is declared', async () => {
		const declared = await roundTrip(
			Buffer.concat([
				Buffer.from('Subject: latin1\r\nContent-Type: text/plain; charset=ISO-8859-1\r\n\r\n'),
				Buffer.from([0xe6, 0xf8, 0xe5])
			])
		);
		expect(declared.text).toBe('æøå\n');
		const windows = await roundTrip(
			Buffer.concat([
				Buffer.from('Subject: cp1252\r\nContent-Type: text/plain; charset=windows-1252\r\n\r\n'),
				Buffer.from([0x80, 0x20, 0x96])
			])
		);
		expect(windows.text).toBe('€ –\n');
		const utf8 = await roundTrip(
			Buffer.from('Subject: 8bit\r\nContent-Transfer-Encoding: 8bit\r\n\r\nBlåbær\r\n')
		);
		expect(utf8.text).toBe('Blåbær\n');
		// The hand-written parser guessed latin1 for invalid UTF-8; mailparser reads undeclared
		// 8-bit text as UTF-8, so a stray latin1 byte shows as U+FFFD. Senders declare a charset.
		const undeclared = await roundTrip(
			Buffer.concat([Buffer.from('Subject: x\r\n\r\nBl'), Buffer.from([0xe5])])
		);
		expect(undeclared.text).toBe('Bl\ufffd\n');
	});

	it('takes internationalised addresses and raw UTF-8 headers with SMTPUTF8', async () => {
		const client = await greetedClient(catcher.smtpPort);
		const steps: [string, number][] = [
			['MAIL FROM:<åse@avsender.no> SMTPUTF8 BODY=8BITMIME', 250],
			['RCPT TO:<øystein@eksempel.no>', 250],
			['RCPT TO:<gjest@bcc.no>', 250],
			['DATA', 354]
		];
		for (const [line, code] of steps) expect((await client.command(line)).code).toBe(code);
		client.write(
			[
				'From: Åse Ødegård <åse@avsender.no>',
				'To: Øystein <øystein@eksempel.no>',
				'Subject: Påmelding – æøå',
				'Content-Type: text/plain; charset=utf-8',
				'Content-Transfer-Encoding: 8bit',
				'',
				'Hei Øystein! https://sammen.local/ø',
				'.',
				''
			].join('\r\n')
		);
		expect((await client.reply()).code).toBe(250);
		client.destroy();
		const [message] = catcher.store.list();
		expect(message).toMatchObject({
			from: 'Åse Ødegård <åse@avsender.no>',
			to: ['øystein@eksempel.no'],
			subject: 'Påmelding – æøå',
			text: 'Hei Øystein! https://sammen.local/ø\n',
			envelope: { from: 'åse@avsender.no', to: ['øystein@eksempel.no', 'gjest@bcc.no'] }
		});
		expect(catcher.store.latestFor('gjest@bcc.no')?.id).toBe(message.id);
	});

	it('unfolds headers and joins a character split across encoded-words', async () => {
		const message = await roundTrip(
			'Subject: =?utf-8?B?w6Y=?= =?utf-8?Q?=C3?=\r\n\t=?utf-8?Q?=B8?= end\r\n\r\n'
		);
		expect(message.subject).toBe('æø end');
		expect(message.headers).toEqual([{ name: 'Subject', value: 'æø end' }]);
	});

	it('takes the To and Cc addresses from quoted names, groups and odd separators', async () => {
		const message = await roundTrip(
			[
				'To: "Doe, Jane" <jane@x.no>, ola@y.no; team: a@z.no;, undisclosed:;',
				'Cc: "Per <Pål>" <per@x.no>, =?utf-8?Q?K=C3=A5re?= <kare@x.no>',
				'',
				'x'
			].join('\r\n')
		);
		expect(message.to).toEqual(['jane@x.no', 'ola@y.no', 'a@z.no']);
		expect(message.cc).toEqual(['per@x.no', 'kare@x.no']);
		// To and Cc name the recipients; the envelope recipient is still found.
		expect(catcher.store.search('kari@example.no').map((m) => m.id)).toContain(message.id);
	});

	it('survives garbage: each message is kept or refused with 554, never a crash', async () => {
		const client = await greetedClient(catcher.smtpPort);
		const headers =
			'Content-Type: multipart/mixed; boundary=a\r\nContent-Transfer-Encoding: base64\r\n\r\n';
		for (let round = 0; round < 25; round++) {
			const bytes = noise(2000, round);
			for (const raw of [
				Buffer.concat([Buffer.from(headers), bytes, Buffer.from('\r\n--a\r\n')]),
				bytes
			]) {
				expect([250, 554]).toContain(
					(await client.send('a@example.no', ['b@example.no'], raw)).code
				);
			}
		}
		expect((await client.command('NOOP')).code).toBe(250);
		client.destroy();
	});
});
