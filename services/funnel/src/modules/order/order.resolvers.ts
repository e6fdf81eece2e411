import { auditTrailResolver, parseId, parsePageArgs, requireActor } from '@crm/platform';
import type { Context } from '../../context';
import type { Resolvers } from '../../generated/graphql';
import { reassignOrderLine } from './line-reassignment';
import { marginOf, netLine, netOrder } from './order-figures';
import { returnOrderLines } from './order-return';
import { approveOrderCredit, cancelOrder, completeOrder, createOrder, listOrders, placeOrder, previewOrder, rejectOrderCredit, setCreditPolicy, shipOrder } from './order.service';
import { CreditPolicy } from './order.entity';

const customer = (id: string) => ({ id });

export const orderResolvers: Resolvers = {
  Query: {
    orders: (_root, { filter, ...args }, context) => listOrders(context.em, requireActor(context.actor), parsePageArgs(args), filter),
    order: (_root, { id }, context) => {
      requireActor(context.actor);
      return context.loaders.order.load(parseId(id));
    },
    previewOrder: (_root, { input }, context) => previewOrder(context, input),
    creditPolicy: (_root, _args, context) => {
      requireActor(context.actor);
      return context.em.findOneOrFail(CreditPolicy, { id: 1 });
    },
    orderAuditTrail: auditTrailResolver('Order', (context: Context, id) => context.loaders.order.load(id)),
  },
  Mutation: {
    createOrder: (_root, { input }, context) => createOrder(context, input),
    placeOrder: (_root, args, context) => placeOrder(context, args),
    approveOrderCredit: (_root, args, context) => approveOrderCredit(context, args),
    rejectOrderCredit: (_root, args, context) => rejectOrderCredit(context, args),
    shipOrder: (_root, args, context) => shipOrder(context, args),
    completeOrder: (_root, args, context) => completeOrder(context, args),
    cancelOrder: (_root, args, context) => cancelOrder(context, args),
    reassignOrderLine: (_root, { input }, context) => reassignOrderLine(context, input),
    returnOrderLines: (_root, { input }, context) => returnOrderLines(context, input),
    setCreditPolicy: (_root, args, context) => setCreditPolicy(context, args),
  },
  Order: {
    __resolveReference: (ref, { loaders }) => loaders.order.load(ref.id),
    customer: (order) => customer(order.customerId),
    shipTo: (order) => customer(order.shipToId),
    billTo: (order) => customer(order.billToId),
    lines: (order, _args, { loaders }) => loaders.orderLines.load(order.id),
    margin: (order) => marginOf(netOrder(order)).margin,
    marginRate: (order) => marginOf(netOrder(order)).marginRate,
    opportunity: (order, _args, { loaders }) => (order.opportunityId ? loaders.opportunity.load(order.opportunityId) : null),
    createdBy: (order) => ({ id: order.createdById }),
    returns: (order, args, { loaders }) => loaders.orderReturns.connection(order.id, args),
  },
  OrderLine: {
    order: async (line, _args, { loaders }) => (await loaders.order.load(line.orderId))!,
    product: async (line, _args, { loaders }) => (await loaders.product.load(line.productId))!,
    mainLine: (line, _args, { loaders }) => (line.mainLineId ? loaders.orderLine.load(line.mainLineId) : null),
    margin: (line) => marginOf(netLine(line)).margin,
    marginRate: (line) => marginOf(netLine(line)).marginRate,
    rep: (line) => ({ id: line.repId }),
  },
  OrderPreview: {
    customer: (preview) => customer(preview.customerId),
    shipTo: (preview) => customer(preview.shipToId),
    billTo: (preview) => customer(preview.billToId),
    margin: (preview) => marginOf(preview).margin,
    marginRate: (preview) => marginOf(preview).marginRate,
  },
  OrderLinePreview: {
    product: async (line, _args, { loaders }) => (await loaders.product.load(line.productId))!,
    margin: (line) => marginOf(line).margin,
    marginRate: (line) => marginOf(line).marginRate,
    rep: (line) => ({ id: line.repId }),
  },
  CreditLimitCheck: {
    party: (check) => customer(check.partyId),
  },
  OrderReturn: {
    order: async (record, _args, { loaders }) => (await loaders.order.load(record.orderId))!,
    lines: (record, _args, { loaders }) => loaders.orderReturnLines.load(record.id),
    recordedBy: (record) => ({ id: record.recordedById }),
  },
  OrderReturnLine: {
    line: async (returned, _args, { loaders }) => (await loaders.orderLine.load(returned.lineId))!,
  },
  Customer: {
    credit: (found, _args, { loaders }) => loaders.customerCredit.load(found.id),
    orders: (found, args, { loaders }) => loaders.ordersByCustomer.connection(found.id, args),
  },
};
