export { OpenWorkItemSchema, type OpenWorkKind } from './open-work-item.entity';
export { openWorkConsumer } from './open-work.consumer';
export { openWorkHeldUnder, type OpenWorkCounts } from './open-work.service';
