import { Events } from '@crm/events';
import { fields, findPage, parseInput, requireActor, type Actor, type Connection, type PageRequest, type Scope } from '@crm/platform';
import { replicaTerritoryTables, requireOwnerInReach, requireOwnerInTerritory, requireSalesTeamInReach, type Division } from '@crm/identity/replica';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { addIdentityKeys, newCustomerInput, parseDivision, parseIdentityKeys, parsePoint, requireKeysFree } from './customer-record';
import { newCustomer } from './customer-bulk-create';
import { Customer } from './customer.entity';
import { CustomerNotFoundException } from './customer.exception';
import { customerFilterCondition, type CustomerFilter } from './customer-search';
import { customerPermissions } from './customer.permissions';

const createCustomerInput = newCustomerInput.extend({
  ownerId: fields.id('ownerId').nullish(),
  territoryOverrideReason: fields.text(500).nullish(),
});

const reassignCustomerInput = z.object({
  customerId: fields.id('customerId'),
  ownerId: fields.id('ownerId'),
  territoryOverrideReason: fields.text(500).nullish(),
});

const setSalesTeamInput = z.object({
  customerId: fields.id('customerId'),
  salesTeamId: fields.id('salesTeamId').nullish(),
});

export async function createCustomer(scope: Scope, input: unknown): Promise<Customer> {
  const { em, clock } = scope;
  const actor = requireActor(scope.actor);
  const data = parseInput(createCustomerInput, input);
  const division = parseDivision(data.divisionCode);
  const point = parsePoint(data.location);
  const keys = parseIdentityKeys(data.kind, data.identityKeys ?? [], clock.now());
  const ownerId = data.ownerId ?? actor.userId;
  const owner = await requireOwnerInReach(em, actor, ownerId);
  await requireKeysFree(em, actor, keys);
  const customer = newCustomer(scope, { ...data, divisionCode: division?.code ?? null, point }, ownerId);
  em.persist(customer);
  await requireInTerritory(scope, customer, owner, data.territoryOverrideReason ?? null);
  recordCustomerCreated(scope, customer);
  addIdentityKeys(scope, customer.id, keys);
  await em.flush();
  return customer;
}

const describeLocation = (customer: Customer, division: Division | null): string =>
  division ? `A customer in ${division.name} (${division.code})` : `A customer at ${customer.longitude}, ${customer.latitude}`;

/**
 * ORG-3 for a customer and its (new) owner: refused outside the territory owning its location,
 * unless a manager above both overrides with a reason, which is audited.
 */
export async function requireInTerritory(scope: Scope, customer: Customer, owner: { id: string; orgPath: string }, overrideReason: string | null): Promise<void> {
  const division = parseDivision(customer.divisionCode);
  const point = customer.longitude === null || customer.latitude === null ? null : ([customer.longitude, customer.latitude] as [number, number]);
  if (!division && !point) return;
  const check = await requireOwnerInTerritory(scope.em, replicaTerritoryTables, requireActor(scope.actor), owner, { division, point, describe: describeLocation(customer, division) }, overrideReason);
  if (!check.overridden) return;
  scope.audit({
    subjectType: 'Customer',
    subjectId: customer.id,
    action: 'customer.territory_overridden',
    reason: overrideReason,
    after: { ownerId: owner.id, owningUnitId: check.owningUnitId },
  });
}

export function recordCustomerCreated(scope: Scope, customer: Customer): void {
  scope.recordEvent({
    type: Events.CustomerCreated,
    key: customer.id,
    payload: { customerId: customer.id, name: customer.name, ownerId: customer.ownerId, divisionCode: customer.divisionCode },
  });
}

export function recordCustomerTeamChanged(scope: Scope, customer: Customer): void {
  scope.recordEvent({ type: Events.CustomerTeamChanged, key: customer.id, payload: { customerId: customer.id, salesTeamId: customer.salesTeamId } });
}

/**
 * The one rule of a change of owner, for a manager's hand-over and a leaver's (ORG-5, ORG-7): the
 * previous owner stays on as secondary owner unless they are leaving, and the change is announced
 * and audited.
 */
export function changeCustomerOwner(scope: Scope, customer: Customer, toOwnerId: string, secondaryOwnerId: string | null): void {
  const before = { ownerId: customer.ownerId, secondaryOwnerId: customer.secondaryOwnerId };
  customer.ownerId = toOwnerId;
  customer.secondaryOwnerId = secondaryOwnerId;
  scope.recordEvent({
    type: Events.CustomerReassigned,
    key: customer.id,
    payload: { customerId: customer.id, fromOwnerId: before.ownerId, toOwnerId, secondaryOwnerId },
  });
  scope.audit({
    subjectType: 'Customer',
    subjectId: customer.id,
    action: 'customer.reassigned',
    before,
    after: { ownerId: customer.ownerId, secondaryOwnerId: customer.secondaryOwnerId },
  });
}

/** Hands a customer to another rep: a manager's or team lead's operation, within their subtree. */
export async function reassignCustomer(scope: Scope, findVisible: (id: string) => Promise<Customer | null>, input: unknown): Promise<Customer> {
  const actor = requireActor(scope.actor);
  const data = parseInput(reassignCustomerInput, input);
  const customer = await findVisible(data.customerId);
  if (!customer) throw new CustomerNotFoundException(data.customerId);
  customerPermissions.require(actor, 'customer.reassign');
  if (customer.ownerId === data.ownerId) return customer;
  const owner = await requireOwnerInReach(scope.em, actor, data.ownerId);
  await requireInTerritory(scope, customer, owner, data.territoryOverrideReason ?? null);
  changeCustomerOwner(scope, customer, data.ownerId, customer.ownerId);
  await scope.em.flush();
  return customer;
}

/** Shares a customer with a sales team (or stops sharing it): a leader's or manager's operation. */
export async function setCustomerSalesTeam(scope: Scope, findVisible: (id: string) => Promise<Customer | null>, input: unknown): Promise<Customer> {
  const actor = requireActor(scope.actor);
  const data = parseInput(setSalesTeamInput, input);
  const customer = await findVisible(data.customerId);
  if (!customer) throw new CustomerNotFoundException(data.customerId);
  customerPermissions.require(actor, 'customer.share_with_team');
  const salesTeamId = data.salesTeamId ?? null;
  if (salesTeamId) await requireSalesTeamInReach(scope.em, actor, salesTeamId);
  if (customer.salesTeamId === salesTeamId) return customer;
  const before = { salesTeamId: customer.salesTeamId };
  customer.salesTeamId = salesTeamId;
  recordCustomerTeamChanged(scope, customer);
  // Sharing decides who sees the customer, so it is permission-relevant (PLT-4).
  scope.audit({ subjectType: 'Customer', subjectId: customer.id, action: 'customer.team_changed', before, after: { salesTeamId } });
  await scope.em.flush();
  return customer;
}

export async function listCustomers(em: EntityManager, actor: Actor | null, page: PageRequest, filter: CustomerFilter, oldestFirst = false): Promise<Connection<Customer>> {
  return findPage(em, Customer, page, await customerFilterCondition(em, actor, filter), { oldestFirst });
}
