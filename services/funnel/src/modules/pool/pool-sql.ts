/** A timestamptz expression as the ISO-8601 text recordEvent writes (`…T…Z`, milliseconds). */
export const isoText = (expression: string) => `to_char(${expression} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A UUIDv7 for the instant an expression gives, as the platform's newId makes them, so rows written
 * set-based page "newest first" like the rest: a random v4 with its first 48 bits the epoch
 * milliseconds and its version nibble set to 7.
 */
export const uuidV7At = (instant: string) =>
  `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send((extract(epoch from ${instant}) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;
