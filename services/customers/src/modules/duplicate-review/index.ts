export { duplicateReviewModule } from './duplicate-review.module';
export { likelyDuplicates, likelyDuplicatesOfMany, LIKELY, type DuplicateCandidate } from './duplicate-review.service';
export { DuplicateReview } from './duplicate-review.entity';
