export { opportunityModule } from './opportunity.module';
export { Opportunity, StageChange } from './opportunity.entity';
export { createOpportunityLoaders, visibleOpportunities } from './opportunity.loaders';
export { enterStage } from './stage-change';
export { settleOpportunity } from './opportunity.service';
