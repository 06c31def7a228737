import type { FastifyPluginAsync } from 'fastify';
import { transcriptsRoutesWith } from './transcripts.routes';
import { createTranscriptsService, type TranscriptsDeps } from './transcripts.service';

export {
  createTranscriptsService,
  type TranscriptsDeps,
  type TranscriptsService,
} from './transcripts.service';

/**
 * Học bạ số: transcripts generated from the gradebook in the ministry's layout (Circular 22 / 27), confirmed by
 * subject teachers, signed (PAdES) by the homeroom teacher and then the principal with their own PKCS#12
 * certificates, verified publicly by upload or QR code, exported as a class archive and as structured JSON.
 */
export const transcriptsRoutes: FastifyPluginAsync<TranscriptsDeps> = async (app, deps) => {
  await app.register(transcriptsRoutesWith, { transcripts: createTranscriptsService(deps) });
};

/** pdfmake with the shipped Noto Sans font, for other modules' printed reports. */
export { type PdfDocDefinition, type PdfNode, renderPdf } from './pdfmake-printer';
