export { resolveMapping, type ColumnMapping, type ResolvedMapping } from './column-mapping';
export { errorReportCsv, type RowError } from './error-report';
export { IMPORT_FORMATS, inferFormat, isBlankRow, openSheet, readRows, type ImportFormat, type SheetRow } from './read-rows';
export { UploadChunkException, UploadIncompleteException, UploadNotFoundException } from './upload.exception';
export { uploadMigrations } from './upload.migration';
export { appendUploadChunk, beginUpload, purgeExpiredUploadsJob, requireCompleteUpload, uploadBytes, UPLOAD_CHUNK_BYTES, type UploadView } from './uploads';
