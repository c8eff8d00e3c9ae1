const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a URL's or form's id is an id at all: a forged one never reaches the database. */
export const isId = (value: string | undefined): value is string => !!value && UUID.test(value);
