import { Events } from '@crm/events';
import { fields, parseInput, requireActor, sqlRows, type Actor, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { LineAttribution, OrderStatus } from '../../generated/graphql';
import { inTransaction, lockVisibleOrder } from './order-access';
import { OrderLine, type Order } from './order.entity';
import { netLine } from './order-figures';
import { InvalidOrderInputException, OrderLineNotFoundException, OrderStatusException } from './order.exception';
import { orderPermissions } from './order.permissions';

const reassignInput = z.object({ lineId: fields.id('lineId'), repId: fields.id('repId') });


/** The team sharing the order's customer, from the replicas; the line's credit stays within it. */
async function sharingTeamOf(em: EntityManager, customerId: string): Promise<{ teamId: string; leaderId: string }> {
  const [team] = await sqlRows<{ team_id: string; leader_id: string }>(
    em,
    'select t.id as team_id, t.leader_id from customer_owner co join directory_sales_team t on t.id = co.sales_team_id where co.customer_id = ?',
    [customerId],
  );
  if (!team) throw new InvalidOrderInputException('lineId', 'NOT_TEAM_CUSTOMER', 'no sales team shares this customer, so its lines are its owner\'s; reassign the customer instead.');
  return { teamId: team.team_id, leaderId: team.leader_id };
}

/** ORG-4: the leader decides for the team; managers and admins over the customer may too. */
async function requireMayReassign(em: EntityManager, actor: Actor, order: Order): Promise<string> {
  orderPermissions.require(actor, 'order.reassign_line');
  const team = await sharingTeamOf(em, order.customerId);
  const aboveTeam = actor.roles.includes('MANAGER') || actor.roles.includes('ADMIN');
  if (!aboveTeam && actor.userId !== team.leaderId) throw new InvalidOrderInputException('lineId', 'NOT_TEAM_MEMBER', 'only the leader of the team sharing this customer reassigns its lines.');
  return team.teamId;
}

async function requireMember(em: EntityManager, teamId: string, repId: string): Promise<void> {
  const rows = await sqlRows(em, 'select 1 from directory_sales_team where id = ? and leader_id = ? union all select 1 from directory_team_member where team_id = ? and user_id = ?', [teamId, repId, teamId, repId]);
  if (!rows.length) throw new InvalidOrderInputException('repId', 'NOT_TEAM_MEMBER', `${repId} is not a member of the team sharing this customer.`);
}

function announce(tx: Scope, order: Order, line: OrderLine, previousRepId: string, actor: Actor): void {
  const net = netLine(line);
  tx.recordEvent({
    type: Events.OrderLineAttributed,
    key: order.id,
    payload: { orderId: order.id, lineId: line.id, customerId: order.customerId, productId: line.productId, mainLineId: line.mainLineId, previousRepId, repId: line.repId, amount: net.amount.toString(), cost: net.cost.toString(), attributedById: actor.userId },
  });
}

/**
 * ORG-4: the leader credits a line to another member of the team; the warranties and services sold
 * with it move too (seed 000 §3). A placed line's move is announced with what it is worth now, so
 * leaderboards and profit move the credit; a draft's is not, as nothing counted it yet.
 */
export async function reassignOrderLine(scope: Scope, input: unknown): Promise<OrderLine> {
  const data = parseInput(reassignInput, input);
  const actor = requireActor(scope.actor);
  return inTransaction(scope, async (tx) => {
    const { em } = tx;
    const found = await em.findOne(OrderLine, { id: data.lineId });
    if (!found) throw new OrderLineNotFoundException(data.lineId);
    const order = await lockVisibleOrder(em, actor, found.orderId, 'lineId').catch(() => {
      throw new OrderLineNotFoundException(data.lineId);
    });
    if (order.status === OrderStatus.Cancelled) throw new OrderStatusException(order.number, order.status, 'not CANCELLED');
    if (found.mainLineId) throw new InvalidOrderInputException('lineId', 'INVALID_ATTACHMENT', 'this line is sold with another; reassign that line and it follows.');
    const teamId = await requireMayReassign(em, actor, order);
    const repId = data.repId.toLowerCase();
    await requireMember(em, teamId, repId);
    const moving = [found, ...(await em.find(OrderLine, { mainLineId: found.id }))].filter((line) => line.repId !== repId);
    for (const line of moving) {
      const previousRepId = line.repId;
      Object.assign(line, { repId, attribution: line === found ? LineAttribution.Reassigned : LineAttribution.MainProduct });
      tx.audit({ subjectType: 'Order', subjectId: order.id, action: 'order.line_reassigned', before: { lineId: line.id, repId: previousRepId }, after: { lineId: line.id, repId } });
      if (order.status !== OrderStatus.Draft && order.status !== OrderStatus.CreditHold) announce(tx, order, line, previousRepId, actor);
    }
    await em.flush();
    return found;
  });
}
