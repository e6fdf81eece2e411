/**
 * `major.minor`. A minor bump only adds optional or defaulted payload fields, so consumers on any
 * other minor of the same major still read the event; a major bump may break them.
 */
export type EventVersion = `${number}.${number}`;

export interface ParsedEventVersion {
  major: number;
  minor: number;
}

/**
 * Envelopes recorded before versions had a minor carry a bare number N, which meant what `N.0`
 * means now: they sit in outboxes and inboxes and must stay readable.
 * Returns undefined for anything that is neither.
 */
export function parseEventVersion(version: unknown): ParsedEventVersion | undefined {
  if (typeof version === 'number') return Number.isSafeInteger(version) && version >= 0 ? { major: version, minor: 0 } : undefined;
  const match = typeof version === 'string' ? /^(\d+)\.(\d+)$/.exec(version) : null;
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

export const formatEventVersion = ({ major, minor }: ParsedEventVersion): EventVersion => `${major}.${minor}`;
