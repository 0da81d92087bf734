import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../services/app-services.js';
import { refusal } from '../schemas/common.js';
import { ActivityBody, ActivityResponse } from '../schemas/intake-schemas.js';
import type { TypedApp } from './typed-app.js';

/** Intent activity by lead id or email, for trackers and marketing tools holding a capture token. */
export async function activityRoutes(untyped: FastifyInstance, services: AppServices): Promise<void> {
  const app = untyped as TypedApp;
  app.post(
    '/api/activity',
    {
      config: { allow: ['admin', 'editor', 'capture'] },
      schema: {
        summary: 'Record intent (page_visited with url, content_downloaded with asset, email_opened with campaign, demo_requested) for a lead by id or email; score v2 re-runs and waits wake',
        tags: ['leads'],
        body: ActivityBody,
        response: { 202: ActivityResponse, 404: refusal('No lead has this id or email.') },
      },
    },
    async (request, reply) => reply.status(202).send(await services.activity.post(request.body)),
  );
}
