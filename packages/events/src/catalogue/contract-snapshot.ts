import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { formatEventVersion, parseEventVersion, type ParsedEventVersion } from './version';

export type JsonSchema = { [key: string]: unknown };

/** What consumers rely on for one event; catalogue.snapshot.json holds the committed one. */
export interface EventContract {
  topic: string;
  version: string;
  schema: JsonSchema;
}

export type CatalogueSnapshot = Record<string, EventContract>;

export type CatalogueDefinition = Record<string, { topic: string; version: string; payload: z.ZodType }>;

const rewrite = 'npm run snapshot -w @crm/events';

export function snapshotCatalogue(catalogue: CatalogueDefinition): CatalogueSnapshot {
  return Object.fromEntries(
    Object.entries(catalogue).map(([type, { topic, version, payload }]) => [
      type,
      // The input side is what producers must send and old outbox rows hold: a defaulted field is
      // optional there, which is exactly what a minor bump may add.
      { topic, version, schema: z.toJSONSchema(payload, { io: 'input' }) as JsonSchema },
    ]),
  );
}

/**
 * Problems with the catalogue as a successor of the committed snapshot, one readable line each; an
 * empty list means every consumer of the snapshot's contract can still read what is produced.
 */
export function checkCatalogueAgainstSnapshot(catalogue: CatalogueDefinition, snapshot: CatalogueSnapshot): string[] {
  const current = snapshotCatalogue(catalogue);
  const problems: string[] = [];
  for (const type of Object.keys(snapshot)) {
    if (!(type in current)) {
      problems.push(
        `${type} was removed from the catalogue, but stored events and other subgraphs may still carry it: keep it, or once nothing produces or consumes it, run ${rewrite} -- --force`,
      );
    }
  }
  for (const [type, now] of Object.entries(current)) {
    const version = parseEventVersion(now.version);
    if (!version) {
      problems.push(`${type} has version "${now.version}", which is not major.minor (e.g. '1.0')`);
      continue;
    }
    const before = snapshot[type];
    const previous = before && parseEventVersion(before.version);
    if (!before || !previous) continue;
    const was = formatEventVersion(previous);
    const is = formatEventVersion(version);
    if (compareVersions(version, previous) < 0) {
      problems.push(`${type} went back from version ${was} to ${is}: versions only move forward, since consumers have seen ${was}; use ${was} or later`);
      continue;
    }
    if (version.major > previous.major) continue;
    if (now.topic !== before.topic) {
      problems.push(`${type} moved from topic ${before.topic} to ${now.topic} within major ${version.major}: its consumers listen on ${before.topic}, so moving it is a breaking change (bump the major)`);
    }
    if (isDeepStrictEqual(now.schema, before.schema)) continue;
    if (version.minor === previous.minor) {
      problems.push(
        `${type} changed its payload schema but kept version ${is}: bump the minor for an added optional field, the major for a breaking change, then run ${rewrite}`,
      );
      continue;
    }
    const breaks = incompatibilities(before.schema, now.schema, '');
    if (breaks.length > 0) {
      problems.push(
        `${type} ${was} → ${is} is a minor bump but not backward compatible (${breaks.join('; ')}): a minor may only add optional or defaulted fields, so change that or bump the major to ${version.major + 1}.0`,
      );
    }
  }
  return problems;
}

const compareVersions = (a: ParsedEventVersion, b: ParsedEventVersion) => a.major - b.major || a.minor - b.minor;

interface ObjectSchema {
  properties: Record<string, unknown>;
  required: readonly string[];
}

function asObjectSchema(schema: unknown): ObjectSchema | undefined {
  if (typeof schema !== 'object' || schema === null || !('type' in schema) || schema.type !== 'object') return undefined;
  const properties = 'properties' in schema && typeof schema.properties === 'object' && schema.properties !== null ? schema.properties : {};
  const required = 'required' in schema && Array.isArray(schema.required) ? schema.required : [];
  return { properties: { ...properties }, required: required.filter((name): name is string => typeof name === 'string') };
}

/**
 * Why `after` cannot replace `before` within a major: old events must still parse with the new
 * schema, and new events with the old one (consumers on an older minor). So every field keeps its
 * type and whether it is required, and new fields are optional. Nested objects are compared
 * field by field; any other change to a field counts as retyping it.
 */
function incompatibilities(before: unknown, after: unknown, path: string): string[] {
  const was = asObjectSchema(before);
  const is = asObjectSchema(after);
  if (!was || !is) return isDeepStrictEqual(before, after) ? [] : [`retypes ${path ? `field "${path}"` : 'the payload'}`];
  const breaks: string[] = [];
  for (const [name, schema] of Object.entries(was.properties)) {
    const field = path ? `${path}.${name}` : name;
    if (!(name in is.properties)) {
      breaks.push(`removes field "${field}"`);
      continue;
    }
    if (was.required.includes(name) !== is.required.includes(name)) {
      breaks.push(`makes field "${field}" ${was.required.includes(name) ? 'optional' : 'required'}`);
    }
    breaks.push(...incompatibilities(schema, is.properties[name], field));
  }
  for (const name of Object.keys(is.properties)) {
    if (!(name in was.properties) && is.required.includes(name)) breaks.push(`adds required field "${path ? `${path}.${name}` : name}"`);
  }
  return breaks;
}
