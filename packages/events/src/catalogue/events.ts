import { z } from 'zod';
import { Topics, type Topic } from './topics';

/** Event names, `aggregate.past_tense`. */
export const Events = {
  UserCreated: 'user.created',
  UserUpdated: 'user.updated',
  UserDeactivated: 'user.deactivated',
  OrgUnitMoved: 'org_unit.moved',
  CustomerCreated: 'customer.created',
  CustomerReassigned: 'customer.reassigned',
  LeadCreated: 'lead.created',
  ComplaintFiled: 'complaint.filed',
} as const;

export type EventType = (typeof Events)[keyof typeof Events];

const userSnapshot = z.object({
  userId: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  orgUnitId: z.uuid(),
  orgPath: z.string(),
  roles: z.array(z.string()),
  active: z.boolean(),
  /** For assistants: the reps they support and may act for (ORG-6). */
  supports: z.array(z.uuid()).default([]),
});

/**
 * The catalogue: for every event its topic, current version and payload schema. Consumers parse
 * payloads with these schemas, so a producer that drifts from the contract fails loudly.
 */
export const catalogue = {
  [Events.UserCreated]: { topic: Topics.Users, version: 1, payload: userSnapshot },
  [Events.UserUpdated]: { topic: Topics.Users, version: 1, payload: userSnapshot },
  [Events.UserDeactivated]: {
    topic: Topics.Users,
    version: 1,
    // Everything the person owned or had open goes to the successor (ORG-7).
    payload: z.object({ userId: z.uuid(), successorId: z.uuid() }),
  },
  [Events.OrgUnitMoved]: {
    topic: Topics.OrgUnits,
    version: 1,
    // Everyone whose path starts with fromPath now sits under toPath instead.
    payload: z.object({ orgUnitId: z.uuid(), fromPath: z.string(), toPath: z.string() }),
  },
  [Events.CustomerCreated]: {
    topic: Topics.Customers,
    version: 1,
    payload: z.object({ customerId: z.uuid(), name: z.string(), ownerId: z.uuid() }),
  },
  [Events.CustomerReassigned]: {
    topic: Topics.Customers,
    version: 1,
    payload: z.object({ customerId: z.uuid(), fromOwnerId: z.uuid(), toOwnerId: z.uuid() }),
  },
  [Events.LeadCreated]: {
    topic: Topics.Leads,
    version: 1,
    payload: z.object({ leadId: z.uuid(), customerId: z.uuid().nullable(), ownerId: z.uuid() }),
  },
  [Events.ComplaintFiled]: {
    topic: Topics.Complaints,
    version: 1,
    payload: z.object({ complaintId: z.uuid(), customerId: z.uuid(), severity: z.string() }),
  },
} satisfies Record<EventType, { topic: Topic; version: number; payload: z.ZodType }>;

export type EventPayload<T extends EventType> = z.infer<(typeof catalogue)[T]['payload']>;
