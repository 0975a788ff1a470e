// The newcomers capability: the record of a person obliged to integrate (grows in issue 3).
export { newcomerRoutes } from "./routes.tsx";
export { newcomers } from "./schema.ts";
