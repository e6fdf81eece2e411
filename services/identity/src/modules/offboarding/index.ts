export { offboardingModule } from './offboarding.module';
