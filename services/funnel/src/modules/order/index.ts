export { orderModule } from './order.module';
export { CreditPolicy, Order, OrderLine, OrderReturn, OrderReturnLine, type CreditCheckFigures, type CreditLimitFigures } from './order.entity';
export { createOrderLoaders } from './order.loaders';
export { visibleOrders } from './order-access';
export { createOrder, placeOrder, shipOrder } from './order.service';
export { returnOrderLines } from './order-return';
export type { LinePreview, OrderPreview } from './order-lines';
