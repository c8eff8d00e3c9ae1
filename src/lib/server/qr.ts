import QRCode from 'qrcode';

/** A QR code as inline SVG, drawn here: no third party ever sees what it encodes. */
export function qrSvg(text: string): Promise<string> {
	return QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}
