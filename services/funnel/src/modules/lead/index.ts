export { Lead, LeadSchema, type LeadSource, type LeadStatus } from './lead.entity';
export { createLeadLoaders } from './lead.loaders';
export { leadResolvers } from './lead.resolvers';
export { leadHandoverConsumer } from './lead-handover.consumer';
export { recordLeadCreated } from './lead.service';
