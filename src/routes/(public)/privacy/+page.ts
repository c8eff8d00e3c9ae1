/** Static text, rendered on the server only: the page needs no JavaScript. */
export const csr = false;
