import type { JsonSchema } from '../schema-form';
import { ApiError } from './api-client';

/** Where the server publishes its OpenAPI document (no token needed to read it). */
const OPENAPI_URL = '/docs/json';

interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
}

let documentPromise: Promise<OpenApiDocument> | null = null;

function openApiDocument(): Promise<OpenApiDocument> {
  documentPromise ??= fetch(OPENAPI_URL).then(async (response) => {
    if (!response.ok)
      throw new ApiError(
        response.status,
        'OPENAPI',
        `The API description could not be read (HTTP ${response.status}).`,
        [],
      );
    return (await response.json()) as OpenApiDocument;
  });
  // A failed read is tried again next time rather than remembered.
  documentPromise.catch(() => {
    documentPromise = null;
  });
  return documentPromise;
}

/**
 * The JSON Schema of a route's JSON body, as the server validates it: forms built from it ask
 * for exactly what the API takes, with its limits and descriptions.
 */
export async function requestBodySchema(method: string, path: string): Promise<JsonSchema> {
  const document = await openApiDocument();
  const schema = document.paths[path]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
  if (!schema) throw new ApiError(0, 'OPENAPI', `The API description has no JSON body for ${method} ${path}.`, []);
  return schema;
}
