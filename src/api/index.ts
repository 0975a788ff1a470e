// The partner API under /api/v1 (NL API Design Rules), with its OpenAPI document and tokens.
export { apiRoutes } from "./routes.ts";
