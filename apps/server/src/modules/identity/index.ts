export { extendSessionSql, liveSessionStudentSql } from './identity.repository';
export { identityRoutes } from './identity.routes';
export { createIdentityService, type IdentityService, sha256 } from './identity.service';
export { hashPassword, verifyPassword } from './password';
