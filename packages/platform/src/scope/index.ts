export { createScope, eventScope, requestIdFrom, type Scope, type ScopeOptions } from './scope';
