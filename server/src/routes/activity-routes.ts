import type { FastifyInstance } from 'fastify';
import { principalOf } from '../auth/principal.js';
import type { AppServices } from '../services/app-services.js';
import { refusal } from '../contract/common.js';
import { ActivityBody, ActivityResponse } from '../contract/intake.js';
import type { TypedApp } from './typed-app.js';

/** Intent activity by lead id or email, for trackers and marketing tools holding a capture token. */
export async function activityRoutes(untyped: FastifyInstance, services: AppServices): Promise<void> {
  const app = untyped as TypedApp;
  app.post(
    '/api/activity',
    {
      config: { allow: ['admin', 'editor', 'capture'] },
      schema: {
        summary:
          'Record intent (page_visited with url, content_downloaded with asset, email_opened with campaign, demo_requested) for a lead by id or email; score v2 re-runs and waits wake',
        description:
          'A capture token gets 202 {accepted: true} whether or not a lead has that email or id ' +
          '(website code must not learn who is a lead; an event for no lead is dropped). ' +
          'Admin and editor tokens get the lead id, the event and whether the run took it, and a 404 for an unknown lead.',
        tags: ['leads'],
        body: ActivityBody,
        response: { 202: ActivityResponse, 404: refusal('No lead has this id or email.') },
      },
    },
    async (request, reply) => {
      if (principalOf(request).role === 'capture') {
        await services.activity.record(request.body);
        return reply.status(202).send({ accepted: true });
      }
      return reply.status(202).send({ accepted: true, ...(await services.activity.post(request.body)) });
    },
  );
}
