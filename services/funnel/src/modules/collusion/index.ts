export { collusionModule } from './collusion.module';
export { CollusionFlag, CollusionMovement } from './collusion.entity';
export { createCollusionLoaders } from './collusion.loaders';
export { raiseFlag } from './collusion-detection';
