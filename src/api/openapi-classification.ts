import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { ClassificationSchema } from '../domain/contract/classification';
import { errors, json, security } from './openapi-parts';

/** The subject matters registrations choose from, in the OpenAPI document. */
export function registerClassificationPaths(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: 'get',
    path: '/api/classification',
    summary:
      'The subject matters (信访事项内容分类) a registration’s `domain` takes, with the file’s version',
    tags: ['petitions'],
    security,
    responses: { 200: json(ClassificationSchema, 'The classification in force'), ...errors },
  });
}
