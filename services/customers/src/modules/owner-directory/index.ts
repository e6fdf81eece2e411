export { DirectoryUser, DirectoryUserSchema } from './directory-user.entity';
export { ownerDirectoryConsumer } from './owner-directory.consumer';
export { requireActiveOwner } from './owner-directory.service';
