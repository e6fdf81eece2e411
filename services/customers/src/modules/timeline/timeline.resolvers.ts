import type { Connection } from '@crm/platform';
import type { Context } from '../../context';
import { survivorOf, type Customer } from '../customer';
import type { ResolversTypes, Resolvers } from '../../generated/graphql';
import type { Interaction, TimelineEntry } from './timeline.entity';
import { logInteraction } from './timeline.service';

type InteractionNode = ResolversTypes['Interaction'] & { __typename: 'Interaction' };
type TimelineNode = ResolversTypes['TimelineEntry'];

/**
 * An interaction as GraphQL shows it. It is only reached through its customer (logInteraction, the
 * customer's timeline), so its customer is the one already loaded within the actor's visibility.
 */
const interactionNode = (interaction: Interaction, customer: Customer): InteractionNode => ({
  __typename: 'Interaction',
  id: interaction.id,
  kind: interaction.kind,
  occurredAt: interaction.occurredAt,
  summary: interaction.summary,
  loggedBy: { __typename: 'User', id: interaction.loggedById } as ResolversTypes['User'],
  customer,
});

async function timelineNode(entry: TimelineEntry, customer: Customer, { loaders }: Context): Promise<TimelineNode | null> {
  let subject: ResolversTypes['TimelineSubject'];
  if (entry.entityType === 'Interaction') {
    const interaction = await loaders.interaction.load(entry.entityId);
    if (!interaction) return null;
    subject = interactionNode(interaction, customer);
  } else {
    // Leads, complaints, orders and payments are stubs here: the gateway fetches their fields from funnel and service.
    subject = { __typename: entry.entityType, id: entry.entityId };
  }
  return {
    id: entry.id,
    kind: entry.kind,
    occurredAt: entry.occurredAt,
    actor: entry.actorId ? ({ __typename: 'User', id: entry.actorId } as ResolversTypes['User']) : null,
    summary: entry.summary,
    amount: entry.amount,
    subject,
  };
}

async function timelineConnection(page: Connection<TimelineEntry>, customer: Customer, context: Context): Promise<Connection<TimelineNode>> {
  const nodes = await Promise.all(page.edges.map((edge) => timelineNode(edge.node, customer, context)));
  return {
    edges: page.edges.flatMap((edge, index) => (nodes[index] ? [{ cursor: edge.cursor, node: nodes[index] }] : [])),
    pageInfo: page.pageInfo,
  };
}

export const timelineResolvers: Resolvers = {
  Mutation: {
    logInteraction: async (_root, { input }, context) => {
      // Logged against a customer merged away (CUS-3), it is the survivor's.
      const { interaction, customer } = await logInteraction(context, (id) => survivorOf(context.loaders.customer, id), input);
      return interactionNode(interaction, customer);
    },
  },
  Customer: {
    timeline: async (customer, args, context) => timelineConnection(await context.loaders.timeline.connection(customer.id, args), customer, context),
  },
  TimelineSubject: {
    __resolveType: (subject) => subject.__typename!,
  },
};
