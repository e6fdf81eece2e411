export { openWorkModule } from './open-work.module';
export { OpenWorkItemSchema, type OpenWorkKind } from './open-work-item.entity';
export { openWorkHeldUnder, type OpenWorkCounts } from './open-work.service';
