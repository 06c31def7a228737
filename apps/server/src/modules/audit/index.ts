export { type AuditRecord, type AuditRepository, createAuditRepository } from './audit.repository';
export { auditRoutes } from './audit.routes';
