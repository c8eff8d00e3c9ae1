/**
 * The bench runs the app as behind a proxy (ADDRESS_HEADER=x-forwarded-for, XFF_DEPTH=1), so
 * every request names its client as the proxy would. GETs all come from this one address.
 */
export const PROXY = { 'x-forwarded-for': '127.0.0.1' };
