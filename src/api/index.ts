// The partner API under /api/v1 (NL API Design Rules), with its OpenAPI document and tokens.
export { apiTokenAdminRoutes } from "./admin-routes.tsx";
export { apiRoutes } from "./routes.ts";
export { type ApiScope, apiScopes } from "./rules.ts";
