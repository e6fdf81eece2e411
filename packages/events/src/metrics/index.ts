export { appliedEvents, deadLetteredEvents, trackEventFlow } from './event-metrics';
