// @app/api-client: the types of both HTTP apps' requests and answers, generated from the OpenAPI documents
// they serve (libs/api-client/openapi). Regenerate with `npm run api:generate`; a test fails when these
// differ from what the apps serve. Use them with openapi-fetch: `createClient<CaseApi.paths>({ baseUrl })`.
export type * as CaseApi from './case-api';
export type * as EvidenceApi from './evidence-service';
