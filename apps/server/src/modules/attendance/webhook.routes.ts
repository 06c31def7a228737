import { WebhookBody, WebhookResult } from '@smartedu/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import type { DevicesService } from './devices.service';

export type WebhookRouteOptions = {
  devices: DevicesService;
  rateLimit: { max: number; timeWindowMs: number };
};

type VerifiedDevice = Awaited<ReturnType<DevicesService['verifyWebhook']>>;

/**
 * The generic signed webhook of face or card terminals: public (no session, no CSRF: /api/devices/), the
 * device proves itself with an HMAC over the raw body. Encapsulated so that its raw-body JSON parser stays here.
 */
export const webhookRoutes: FastifyPluginAsyncZod<WebhookRouteOptions> = async (
  app,
  { devices, rateLimit },
) => {
  const rawBodies = new WeakMap<FastifyRequest, string>();
  const verified = new WeakMap<FastifyRequest, VerifiedDevice>();
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const raw = typeof body === 'string' ? body : body.toString('utf8');
    rawBodies.set(req, raw);
    try {
      done(null, JSON.parse(raw));
    } catch {
      done(new AppError('BAD_REQUEST', 'Nội dung JSON không hợp lệ'), undefined);
    }
  });

  app.post(
    '/api/devices/webhook/:deviceId',
    {
      schema: {
        tags: ['devices'],
        summary: 'Nhận lượt chấm công từ thiết bị nhận diện khuôn mặt / thẻ (webhook có chữ ký)',
        description:
          'Public endpoint for terminals (no session). Headers: X-Timestamp = Unix seconds (within 5 minutes), ' +
          'X-Signature = hex HMAC-SHA256 of `<timestamp>.<rawBody>` with the device secret. Times are ' +
          "Vietnamese wall-clock 'YYYY-MM-DD HH:MM:SS' or ISO 8601 with a zone. Repeated punches are ignored.",
        params: z.object({ deviceId: z.string().max(60) }),
        body: WebhookBody,
        response: { 200: WebhookResult },
      },
      config: {
        rateLimit: {
          max: rateLimit.max,
          timeWindow: rateLimit.timeWindowMs,
          keyGenerator: (req: FastifyRequest) =>
            `webhook|${String((req.params as { deviceId?: string }).deviceId ?? '').slice(0, 60)}|${req.ip}`,
        },
      },
      // The signature is checked before the body is validated: strangers learn nothing about the format.
      preValidation: async (req) => {
        const { deviceId } = req.params as { deviceId: string };
        const device = await devices.verifyWebhook(
          deviceId,
          req.headers['x-timestamp'],
          req.headers['x-signature'],
          rawBodies.get(req) ?? '',
        );
        verified.set(req, device);
      },
    },
    async (req) => {
      const device = verified.get(req);
      if (!device) throw new AppError('UNKNOWN_DEVICE', 'Thiết bị chưa được xác thực', undefined, 403);
      return devices.receiveWebhook(device, req.ip, req.body);
    },
  );
};
