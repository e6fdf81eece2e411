export { leadModule } from './lead.module';
export { Lead, LeadSchema, OPEN_LEAD_STATUSES } from './lead.entity';
export { createLeadLoaders, type LeadLoaders } from './lead.loaders';
export { recordLeadCreated } from './lead.service';
