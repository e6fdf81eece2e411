export { riskReviewModule } from './risk-review.module';
export { NewCustomerReview } from './risk-review.entity';
export { createRiskReviewLoaders } from './risk-review.loaders';
export { publishReview, reviewNewCustomer } from './risk-review.service';
export { conversionLinkConsumer } from './conversion-link.consumer';
