import { parseId, parsePageArgs, requireActor, shanghaiDate, toConnection } from '@crm/platform';
import type { Resolvers } from '../../generated/graphql';
import { listOverdueOrders } from './overdue';
import { listPayments, recordPayment } from './payment.service';
import { memberReceivables, receivablesOf } from './receivables';

export const paymentResolvers: Resolvers = {
  Query: {
    payments: (_root, { filter, ...args }, { em, actor }) => listPayments(em, actor, parsePageArgs(args), filter),
    payment: (_root, { id }, { actor, loaders }) => {
      requireActor(actor);
      return loaders.payment.load(parseId(id));
    },
    receivables: (_root, { customerId }, context) => receivablesOf(context, customerId),
    overdueOrders: (_root, { filter, ...args }, context) => listOverdueOrders(context, parsePageArgs(args), filter),
  },
  Mutation: {
    recordPayment: (_root, { input }, context) => recordPayment(context, input),
  },
  Payment: {
    __resolveReference: (ref, { loaders }) => loaders.payment.load(ref.id),
    payer: (payment) => ({ id: payment.payerId }),
    allocations: (payment, args, { loaders }) => loaders.paymentAllocations.connection(payment.id, args),
    recordedBy: (payment) => ({ id: payment.recordedById }),
  },
  // The order is billed to the payment's payer, so whoever sees the payment sees the order.
  PaymentAllocation: {
    order: async (allocation, _args, { loaders }) => (await loaders.order.load(allocation.orderId))!,
  },
  Receivables: {
    customer: (receivables) => ({ id: receivables.id }),
    own: (receivables, _args, { loaders }) => loaders.ownReceivables(receivables.on).load(receivables.id),
    group: async (receivables, _args, { loaders }) => ((await loaders.receivableGroup.load(receivables.id)) ? loaders.groupReceivables(receivables.on).load(receivables.id) : null),
    members: async (receivables, args, { em, actor, loaders }) => {
      const page = parsePageArgs(args);
      const members = await loaders.receivableGroup.load(receivables.id);
      return members ? memberReceivables(em, actor, members, receivables.on, page) : toConnection([], page);
    },
  },
  Customer: {
    receivables: async (customer, _args, { clock, loaders }) => ((await loaders.receivablesVisible.load(customer.id)) ? { id: customer.id, on: shanghaiDate(clock.now()) } : null),
    newCustomerOn: (customer, _args, { loaders }) => loaders.newCustomerOn.load(customer.id),
  },
};
