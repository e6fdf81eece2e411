import { Events, recordEvent } from '@crm/events';
import {
  fields,
  findPage,
  parseInput,
  requireOwnerInReach,
  requireRole,
  requireSalesTeamInReach,
  type Actor,
  type Connection,
  type PageRequest,
} from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { Customer } from './customer.entity';
import { CustomerNotFoundException } from './customer.exception';
import { visibleCustomers } from './customer.loaders';

const SOURCE = 'customers';

const createCustomerInput = z.object({
  name: fields.text(200),
  kind: z.enum(['COMPANY', 'INDIVIDUAL']),
  city: fields.text(100).nullish(),
  ownerId: fields.id('ownerId').nullish(),
});

const reassignCustomerInput = z.object({
  customerId: fields.id('customerId'),
  ownerId: fields.id('ownerId'),
});

const setSalesTeamInput = z.object({
  customerId: fields.id('customerId'),
  salesTeamId: fields.id('salesTeamId').nullish(),
});

export async function createCustomer(em: EntityManager, actor: Actor, input: unknown): Promise<Customer> {
  const data = parseInput(createCustomerInput, input);
  const ownerId = data.ownerId ?? actor.userId;
  await requireOwnerInReach(em, actor, ownerId);
  const customer = em.create(Customer, { name: data.name, kind: data.kind, city: data.city ?? null, ownerId, createdById: actor.userId });
  recordCustomerCreated(em, customer);
  await em.flush();
  return customer;
}

export function recordCustomerCreated(em: EntityManager, customer: Customer): void {
  recordEvent(em, SOURCE, {
    type: Events.CustomerCreated,
    key: customer.id,
    payload: { customerId: customer.id, name: customer.name, ownerId: customer.ownerId },
  });
}

export function recordCustomerTeamChanged(em: EntityManager, customer: Customer): void {
  recordEvent(em, SOURCE, { type: Events.CustomerTeamChanged, key: customer.id, payload: { customerId: customer.id, salesTeamId: customer.salesTeamId } });
}

/** Hands a customer to another rep: a manager's or team lead's operation, within their subtree. */
export async function reassignCustomer(
  em: EntityManager,
  actor: Actor,
  findVisible: (id: string) => Promise<Customer | null>,
  input: unknown,
): Promise<Customer> {
  const data = parseInput(reassignCustomerInput, input);
  const customer = await findVisible(data.customerId);
  if (!customer) throw new CustomerNotFoundException(data.customerId);
  requireRole(actor, 'ADMIN', 'MANAGER', 'TEAM_LEAD');
  if (customer.ownerId === data.ownerId) return customer;
  await requireOwnerInReach(em, actor, data.ownerId);
  const fromOwnerId = customer.ownerId;
  customer.ownerId = data.ownerId;
  customer.secondaryOwnerId = fromOwnerId;
  recordEvent(em, SOURCE, {
    type: Events.CustomerReassigned,
    key: customer.id,
    payload: { customerId: customer.id, fromOwnerId, toOwnerId: data.ownerId, secondaryOwnerId: fromOwnerId },
  });
  await em.flush();
  return customer;
}

/** Shares a customer with a sales team (or stops sharing it): a leader's or manager's operation. */
export async function setCustomerSalesTeam(
  em: EntityManager,
  actor: Actor,
  findVisible: (id: string) => Promise<Customer | null>,
  input: unknown,
): Promise<Customer> {
  const data = parseInput(setSalesTeamInput, input);
  const customer = await findVisible(data.customerId);
  if (!customer) throw new CustomerNotFoundException(data.customerId);
  requireRole(actor, 'ADMIN', 'MANAGER', 'TEAM_LEAD');
  const salesTeamId = data.salesTeamId ?? null;
  if (salesTeamId) await requireSalesTeamInReach(em, actor, salesTeamId);
  if (customer.salesTeamId === salesTeamId) return customer;
  customer.salesTeamId = salesTeamId;
  recordCustomerTeamChanged(em, customer);
  await em.flush();
  return customer;
}

export function listCustomers(em: EntityManager, actor: Actor | null, page: PageRequest): Promise<Connection<Customer>> {
  return findPage(em, Customer, page, visibleCustomers(actor));
}
