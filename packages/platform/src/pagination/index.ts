export {
  MAX_PAGE_SIZE,
  findPagesByParent,
  parsePageArgs,
  toConnection,
  type Connection,
  type PageRequest,
} from './connection';
export { findPage, type PageOrder, type RankBy } from './find-page';
export { PageLoader } from './page-loader';
