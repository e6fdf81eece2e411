export { paymentModule } from './payment.module';
export { Payment, PaymentAllocation } from './payment.entity';
export { createPaymentLoaders } from './payment.loaders';
export { recordPayment } from './payment.service';
export { markFirstPaid } from './first-paid';
export type { ReceivableFigures, ReceivablesRecord } from './receivables';
export type { OverdueOrderRecord } from './overdue';
