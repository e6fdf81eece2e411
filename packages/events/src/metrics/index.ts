export { appliedEvents, deadLetteredEvents } from './event-metrics';
