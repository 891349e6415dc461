export * from './attachment-kinds';
export * from './attachment-read.service';
export * from './attachment-upload.service';
export * from './attachment.store';
export * from './attachments.repository';
export * from './dto/attachment.view';
export * from './evidence.module';
export * from './postgres-attachment.store';
