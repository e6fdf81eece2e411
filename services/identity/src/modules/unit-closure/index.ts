export { unitClosureModule } from './unit-closure.module';
