import { z } from 'zod';
import { Topics, type Topic } from './topics';
import type { EventVersion } from './version';

/** Event names, `aggregate.past_tense`. */
export const Events = {
  UserCreated: 'user.created',
  UserUpdated: 'user.updated',
  UserDeactivated: 'user.deactivated',
  OrgUnitCreated: 'org_unit.created',
  OrgUnitMoved: 'org_unit.moved',
  SalesTeamChanged: 'sales_team.changed',
  LeaveRecorded: 'leave.recorded',
  TerritoryBound: 'territory.bound',
  TerritoryUnbound: 'territory.unbound',
  TerritoryAreaDrawn: 'territory_area.drawn',
  TerritoryAreaRemoved: 'territory_area.removed',
  CustomerCreated: 'customer.created',
  CustomerReassigned: 'customer.reassigned',
  CustomerTeamChanged: 'customer.team_changed',
  CustomerHierarchyChanged: 'customer.hierarchy_changed',
  CustomerOrderDefaultsSet: 'customer.order_defaults_set',
  CustomerCreditLimitSet: 'customer.credit_limit_set',
  CustomerInteractionLogged: 'customer.interaction_logged',
  CustomerMerged: 'customer.merged',
  CustomerIdentityKeysSet: 'customer.identity_keys_set',
  RepDataQualityMeasured: 'rep.data_quality_measured',
  LeadCreated: 'lead.created',
  LeadReassigned: 'lead.reassigned',
  LeadVerified: 'lead.verified',
  LeadRejected: 'lead.rejected',
  LeadConverted: 'lead.converted',
  NewCustomerReviewChanged: 'new_customer_review.changed',
  OpportunityStageChanged: 'opportunity.stage_changed',
  OpportunityClosed: 'opportunity.closed',
  CustomerConversionLinked: 'customer.conversion_linked',
  PoolRecordClaimed: 'pool_record.claimed',
  PoolRecordDropped: 'pool_record.dropped',
  PoolRecordDropWarned: 'pool_record.drop_warned',
  PoolRecordClaimReversed: 'pool_record.claim_reversed',
  CollusionFlagged: 'collusion.flagged',
  OrderPlaced: 'order.placed',
  OrderLineAttributed: 'order.line_attributed',
  OrderShipped: 'order.shipped',
  OrderCompleted: 'order.completed',
  OrderCancelled: 'order.cancelled',
  OrderReturned: 'order.returned',
  PaymentReceived: 'payment.received',
  CustomerFirstPaid: 'customer.first_paid',
  ComplaintFiled: 'complaint.filed',
  ComplaintReassigned: 'complaint.reassigned',
} as const;

export type EventType = (typeof Events)[keyof typeof Events];

/** Exact CNY as text ("1234.50"), never a float: what every money field of an event carries. */
const money = z.string().regex(/^-?\d+\.\d{2}$/);

/** An order line as sold, credited to repId (ORG-4); a warranty's or service's mainLineId is the product line it was sold with (seed 000 §3). */
const orderLine = z.object({
  lineId: z.uuid(),
  productId: z.uuid(),
  productLine: z.string(),
  mainLineId: z.uuid().nullable(),
  quantity: z.number().int().positive(),
  amount: money,
  cost: money,
  repId: z.uuid(),
});

/** FUN-4: what a pool holds: opportunities, and customers nobody follows. */
const poolRecordType = z.enum(['OPPORTUNITY', 'CUSTOMER']);

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
 *
 * Changing a payload schema means bumping its version (see version.ts for what minor and major
 * allow) and running `npm run snapshot -w @crm/events`; a test holds the catalogue to
 * catalogue.snapshot.json so that an unbumped change fails CI.
 */
export const catalogue = {
  [Events.UserCreated]: { topic: Topics.Users, version: '1.0', payload: userSnapshot },
  [Events.UserUpdated]: { topic: Topics.Users, version: '1.0', payload: userSnapshot },
  [Events.UserDeactivated]: {
    topic: Topics.Users,
    version: '1.0',
    // Everything the person owned or had open goes to the successor (ORG-7).
    payload: z.object({ userId: z.uuid(), successorId: z.uuid() }),
  },
  [Events.OrgUnitCreated]: {
    topic: Topics.OrgUnits,
    version: '1.0',
    payload: z.object({ orgUnitId: z.uuid(), path: z.string() }),
  },
  [Events.OrgUnitMoved]: {
    topic: Topics.OrgUnits,
    version: '1.0',
    // Everyone whose path starts with fromPath now sits under toPath instead.
    payload: z.object({ orgUnitId: z.uuid(), fromPath: z.string(), toPath: z.string() }),
  },
  [Events.SalesTeamChanged]: {
    topic: Topics.SalesTeams,
    version: '1.1',
    // The whole team as it is now, leader included among the members: replicas replace, never merge.
    // 1.1 added productLines: which member sells each product line (ORG-4); the leader sells the rest.
    payload: z.object({
      teamId: z.uuid(),
      leaderId: z.uuid(),
      memberIds: z.array(z.uuid()),
      productLines: z.array(z.object({ productLine: z.string(), userId: z.uuid() })).default([]),
    }),
  },
  [Events.LeaveRecorded]: {
    topic: Topics.Users,
    version: '1.0',
    payload: z.object({ leaveId: z.uuid(), userId: z.uuid(), from: z.iso.datetime(), to: z.iso.datetime() }),
  },
  [Events.TerritoryBound]: {
    topic: Topics.Territories,
    version: '1.0',
    payload: z.object({ divisionCode: z.string(), orgUnitId: z.uuid() }),
  },
  [Events.TerritoryUnbound]: {
    topic: Topics.Territories,
    version: '1.0',
    payload: z.object({ divisionCode: z.string() }),
  },
  [Events.TerritoryAreaDrawn]: {
    topic: Topics.Territories,
    version: '1.0',
    // The closed outline as [longitude, latitude] pairs, GeoJSON's order.
    payload: z.object({ areaId: z.uuid(), orgUnitId: z.uuid(), boundary: z.array(z.tuple([z.number(), z.number()])) }),
  },
  [Events.TerritoryAreaRemoved]: {
    topic: Topics.Territories,
    version: '1.0',
    payload: z.object({ areaId: z.uuid() }),
  },
  [Events.CustomerCreated]: {
    topic: Topics.Customers,
    version: '1.1',
    // 1.1 added divisionCode (GB/T 2260, null where none was given): where the customer is, for the
    // territory checks other subgraphs make against their replica (FUN-4's claims).
    payload: z.object({ customerId: z.uuid(), name: z.string(), ownerId: z.uuid(), divisionCode: z.string().nullable().default(null) }),
  },
  [Events.CustomerReassigned]: {
    topic: Topics.Customers,
    version: '1.0',
    // secondaryOwnerId: who stands in for the new owner after the hand-over (ORG-5), usually fromOwnerId.
    payload: z.object({ customerId: z.uuid(), fromOwnerId: z.uuid(), toOwnerId: z.uuid(), secondaryOwnerId: z.uuid().nullable() }),
  },
  [Events.CustomerTeamChanged]: {
    topic: Topics.Customers,
    version: '1.0',
    // The sales team sharing the customer (ORG-4); null when it is detached.
    payload: z.object({ customerId: z.uuid(), salesTeamId: z.uuid().nullable() }),
  },
  [Events.CustomerHierarchyChanged]: {
    topic: Topics.Customers,
    version: '1.0',
    // One per customer whose ancestry changed (a moved branch and everything under it): its parent,
    // its ancestors from the top down, and the group it belongs to (the top; itself when it has no parent).
    payload: z.object({ customerId: z.uuid(), parentId: z.uuid().nullable(), ancestorIds: z.array(z.uuid()), groupId: z.uuid() }),
  },
  [Events.CustomerOrderDefaultsSet]: {
    topic: Topics.Customers,
    version: '1.0',
    // The parties an order by this customer defaults to (seed 000 §2: a branch ships to itself, bills to HQ).
    payload: z.object({ customerId: z.uuid(), orderingPartyId: z.uuid(), shipToId: z.uuid(), billToId: z.uuid() }),
  },
  [Events.CustomerCreditLimitSet]: {
    topic: Topics.Customers,
    version: '1.0',
    // limit: exact decimal CNY as text, null for none. GROUP: the cap on the whole group under customerId.
    payload: z.object({ customerId: z.uuid(), scope: z.enum(['CUSTOMER', 'GROUP']), limit: z.string().nullable() }),
  },
  [Events.CustomerInteractionLogged]: {
    topic: Topics.Customers,
    version: '1.0',
    payload: z.object({ interactionId: z.uuid(), customerId: z.uuid(), kind: z.string(), occurredAt: z.iso.datetime(), loggedById: z.uuid() }),
  },
  [Events.CustomerMerged]: {
    topic: Topics.Customers,
    version: '1.0',
    // mergedId is no longer a customer of its own: whatever referred to it now refers to survivorId.
    // mergedOwnerId: who owned it until then (their book shrinks by one).
    payload: z.object({ survivorId: z.uuid(), mergedId: z.uuid(), mergedOwnerId: z.uuid() }),
  },
  [Events.CustomerIdentityKeysSet]: {
    topic: Topics.Customers,
    version: '1.0',
    // Every identity key the customer holds now (CUS-2), normalised: a replica replaces the customer's
    // keys with these, and a key listed here leaves whichever customer held it before (a merge).
    payload: z.object({ customerId: z.uuid(), keys: z.array(z.object({ kind: z.string(), value: z.string() })) }),
  },
  [Events.RepDataQualityMeasured]: {
    topic: Topics.Customers,
    version: '1.0',
    // On customers' topic: a rep's figures are about the customer records they keep, measured by customers.
    // One per rep per Shanghai day (CUS-7, for ANA-7), published once that day's entries are due (10:00 the next day).
    // customers: those the rep owned and that had a completeness score; completenessSum: their scores added up,
    // an exact decimal with one place as text. interactions: those the rep logged that happened on `date`;
    // onTime: of those, entered by 10:00 Shanghai time the day after. unitId: the rep's unit when measured.
    payload: z.object({
      userId: z.uuid(),
      unitId: z.uuid(),
      date: z.iso.date(),
      customers: z.number().int().min(0),
      completenessSum: z.string().regex(/^\d+(\.\d)?$/),
      interactions: z.number().int().min(0),
      onTime: z.number().int().min(0),
    }),
  },
  [Events.LeadCreated]: {
    topic: Topics.Leads,
    version: '1.0',
    payload: z.object({ leadId: z.uuid(), customerId: z.uuid().nullable(), ownerId: z.uuid() }),
  },
  [Events.LeadReassigned]: {
    topic: Topics.Leads,
    version: '1.0',
    payload: z.object({ leadId: z.uuid(), fromOwnerId: z.uuid(), toOwnerId: z.uuid() }),
  },
  [Events.LeadVerified]: {
    topic: Topics.Leads,
    version: '1.0',
    // Telesales confirmed it (FUN-1): from now on it may be distributed.
    payload: z.object({ leadId: z.uuid(), ownerId: z.uuid(), verifiedById: z.uuid() }),
  },
  [Events.LeadRejected]: {
    topic: Topics.Leads,
    version: '1.0',
    payload: z.object({ leadId: z.uuid(), ownerId: z.uuid(), rejectedById: z.uuid(), reason: z.string() }),
  },
  [Events.LeadConverted]: {
    topic: Topics.Leads,
    version: '1.0',
    // FUN-2: the lead became opportunityId for customerId. newCustomer: the customer funnel assigned
    // customerId to, for customers to create (its event contract); null when the lead had a customer.
    payload: z.object({
      leadId: z.uuid(),
      opportunityId: z.uuid(),
      customerId: z.uuid(),
      ownerId: z.uuid(),
      convertedById: z.uuid(),
      newCustomer: z
        .object({ name: z.string(), kind: z.enum(['COMPANY', 'INDIVIDUAL']), divisionCode: z.string().nullable(), mobile: z.string().nullable(), uscc: z.string().nullable() })
        .nullable(),
    }),
  },
  [Events.NewCustomerReviewChanged]: {
    topic: Topics.Leads,
    version: '1.0',
    // FUN-9: where a converted lead's new customer stands for KPI credit. CLEARED (no risk found) and
    // APPROVED credit ownerId with it; PENDING (findings' codes, queued for review) and REJECTED do not.
    // registeredAt: the conversion. revision goes up with each change: a lower one than held is stale.
    payload: z.object({
      reviewId: z.uuid(),
      customerId: z.uuid(),
      leadId: z.uuid(),
      ownerId: z.uuid(),
      state: z.enum(['CLEARED', 'PENDING', 'APPROVED', 'REJECTED']),
      codes: z.array(z.string()),
      registeredAt: z.iso.datetime(),
      revision: z.number().int().min(1),
      decidedById: z.uuid().nullable(),
    }),
  },
  [Events.OpportunityStageChanged]: {
    topic: Topics.Opportunities,
    version: '1.0',
    // fromStageId is null for the stage an opportunity starts in.
    payload: z.object({
      opportunityId: z.uuid(),
      pipelineId: z.uuid(),
      fromStageId: z.uuid().nullable(),
      toStageId: z.uuid(),
      ownerId: z.uuid(),
      movedById: z.uuid(),
    }),
  },
  [Events.OpportunityClosed]: {
    topic: Topics.Opportunities,
    version: '1.0',
    // amount: exact CNY text, or null when none was entered.
    payload: z.object({ opportunityId: z.uuid(), customerId: z.uuid(), ownerId: z.uuid(), status: z.enum(['WON', 'LOST']), reason: z.string(), amount: z.string().nullable() }),
  },
  [Events.CustomerConversionLinked]: {
    topic: Topics.Customers,
    version: '1.0',
    // A converted lead's new customer (customerId, assigned by funnel) was not created: its identity
    // key is existingCustomerId's. Whatever referred to customerId now refers to existingCustomerId.
    payload: z.object({ customerId: z.uuid(), existingCustomerId: z.uuid() }),
  },
  [Events.PoolRecordClaimed]: {
    topic: Topics.Pools,
    version: '1.0',
    // FUN-4: ownerId took the record from the public pool (or was given it by assignment).
    // formerOwnerId/droppedAt: who held it before its latest drop, and when; null for a first claim.
    payload: z.object({
      recordType: poolRecordType,
      recordId: z.uuid(),
      customerId: z.uuid(),
      ownerId: z.uuid(),
      formerOwnerId: z.uuid().nullable(),
      droppedAt: z.iso.datetime().nullable(),
      claimedAt: z.iso.datetime(),
    }),
  },
  [Events.PoolRecordDropped]: {
    topic: Topics.Pools,
    version: '1.0',
    // FUN-4: the record left formerOwnerId's private pool for the public one: by the sweep (the rule
    // it broke) or released by hand (RELEASED, with the note). The former owner may not reclaim it
    // before protectedUntil.
    payload: z.object({
      recordType: poolRecordType,
      recordId: z.uuid(),
      customerId: z.uuid(),
      formerOwnerId: z.uuid(),
      reason: z.enum(['NO_FOLLOW_UP', 'NO_STAGE_MOVE', 'NO_DEAL', 'RELEASED', 'CLAIM_REVERSED']),
      note: z.string().nullable(),
      droppedAt: z.iso.datetime(),
      protectedUntil: z.iso.datetime(),
    }),
  },
  [Events.PoolRecordDropWarned]: {
    topic: Topics.Pools,
    version: '1.0',
    // FUN-4: the reminder to the owner that the record drops at dropsAt unless they act on it.
    payload: z.object({ recordType: poolRecordType, recordId: z.uuid(), customerId: z.uuid(), ownerId: z.uuid(), reason: z.enum(['NO_FOLLOW_UP', 'NO_STAGE_MOVE', 'NO_DEAL']), dropsAt: z.iso.datetime() }),
  },
  [Events.PoolRecordClaimReversed]: {
    topic: Topics.Pools,
    version: '1.0',
    // FUN-5: a manager undid ownerId's claim (a collusion flag); the record went back to restoredOwnerId,
    // or to the public pool when that is null.
    payload: z.object({ recordType: poolRecordType, recordId: z.uuid(), customerId: z.uuid(), ownerId: z.uuid(), restoredOwnerId: z.uuid().nullable(), reversedById: z.uuid(), reason: z.string() }),
  },
  [Events.CollusionFlagged]: {
    topic: Topics.Pools,
    version: '1.0',
    // FUN-5: a flag opened on two people (personAId < personBId) for a suspected pattern of drops and
    // claims of recordIds; further occurrences add evidence to the open flag without a new event.
    payload: z.object({
      flagId: z.uuid(),
      kind: z.enum(['QUICK_HANDOFF', 'PING_PONG', 'TEAMMATE_AT_PROTECTION_END']),
      personAId: z.uuid(),
      personBId: z.uuid(),
      recordIds: z.array(z.uuid()),
      flaggedAt: z.iso.datetime(),
    }),
  },
  [Events.OrderPlaced]: {
    topic: Topics.Orders,
    version: '1.0',
    // FUN-11: the order is placed (its credit check passed, or a manager approved it) and is now
    // owed by billToId. amount is revenue, cost the standard cost snapshotted per line (ANA-3);
    // placedOn is the Shanghai calendar day. Each line names the rep credited with it.
    payload: z.object({
      orderId: z.uuid(),
      number: z.string(),
      customerId: z.uuid(),
      shipToId: z.uuid(),
      billToId: z.uuid(),
      placedAt: z.iso.datetime(),
      placedOn: z.iso.date(),
      amount: money,
      cost: money,
      lines: z.array(orderLine),
    }),
  },
  [Events.OrderLineAttributed]: {
    topic: Topics.Orders,
    version: '1.0',
    // ORG-4: a placed line's credit moved from previousRepId to repId (the team leader's choice);
    // the lines sold with it (mainLineId = lineId) moved too and are listed as events of their own.
    payload: z.object({
      orderId: z.uuid(),
      lineId: z.uuid(),
      customerId: z.uuid(),
      productId: z.uuid(),
      mainLineId: z.uuid().nullable(),
      previousRepId: z.uuid(),
      repId: z.uuid(),
      amount: money,
      cost: money,
      attributedById: z.uuid(),
    }),
  },
  [Events.OrderShipped]: {
    topic: Topics.Orders,
    version: '1.0',
    payload: z.object({ orderId: z.uuid(), customerId: z.uuid(), shippedAt: z.iso.datetime() }),
  },
  [Events.OrderCompleted]: {
    topic: Topics.Orders,
    version: '1.0',
    payload: z.object({ orderId: z.uuid(), customerId: z.uuid(), completedAt: z.iso.datetime() }),
  },
  [Events.OrderCancelled]: {
    topic: Topics.Orders,
    version: '1.0',
    // wasPlaced: whether order.placed was published for it, so its revenue and exposure go away.
    payload: z.object({ orderId: z.uuid(), customerId: z.uuid(), wasPlaced: z.boolean(), reason: z.string(), cancelledAt: z.iso.datetime() }),
  },
  [Events.OrderReturned]: {
    topic: Topics.Orders,
    version: '1.0',
    // Goods came back: each line's amount (revenue) and cost (margin) are reversed for its rep, and
    // the bill-to party owes that much less (refundDue is what it had already paid of it).
    payload: z.object({
      returnId: z.uuid(),
      orderId: z.uuid(),
      customerId: z.uuid(),
      billToId: z.uuid(),
      returnedAt: z.iso.datetime(),
      returnedOn: z.iso.date(),
      amount: money,
      cost: money,
      refundDue: money,
      reason: z.string(),
      lines: z.array(z.object({ lineId: z.uuid(), productId: z.uuid(), repId: z.uuid(), quantity: z.number().int().positive(), amount: money, cost: money })),
    }),
  },
  [Events.PaymentReceived]: {
    topic: Topics.Orders,
    version: '1.0',
    // payerId: the settlement (bill-to) party that paid; allocations say which orders it settles,
    // and unapplied is what is kept on account.
    payload: z.object({
      paymentId: z.uuid(),
      payerId: z.uuid(),
      amount: money,
      receivedOn: z.iso.date(),
      allocations: z.array(z.object({ orderId: z.uuid(), customerId: z.uuid(), amount: money })),
      unapplied: money,
    }),
  },
  [Events.CustomerFirstPaid]: {
    topic: Topics.Orders,
    version: '1.0',
    // FUN-2: the customer's first order was fully paid on paidOn (Shanghai calendar), the day it
    // became a new customer — not its contract or sign-up.
    payload: z.object({ customerId: z.uuid(), orderId: z.uuid(), paidOn: z.iso.date() }),
  },
  [Events.ComplaintFiled]: {
    topic: Topics.Complaints,
    version: '1.0',
    // handlerId: who works it (ORG-5); absent from events recorded before complaints had handlers.
    payload: z.object({ complaintId: z.uuid(), customerId: z.uuid(), severity: z.string(), handlerId: z.uuid().nullable().default(null) }),
  },
  [Events.ComplaintReassigned]: {
    topic: Topics.Complaints,
    version: '1.0',
    payload: z.object({ complaintId: z.uuid(), fromHandlerId: z.uuid(), toHandlerId: z.uuid() }),
  },
} satisfies Record<EventType, { topic: Topic; version: EventVersion; payload: z.ZodType }>;

export type EventPayload<T extends EventType> = z.infer<(typeof catalogue)[T]['payload']>;
