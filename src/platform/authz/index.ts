import type { Actor } from "./actor.ts";

export * from "./actor.ts";
export * from "./predicates.ts";

/** A rule decides one action on one (already loaded) resource. Pure: no I/O. */
export type Rule<R> = (actor: Actor, resource: R) => boolean;

/** Thrown when a policy denies; the error handler answers 403 (404 for API reads across organisations). */
export class ForbiddenError extends Error {
  readonly statusCode = 403;
  constructor(readonly action: string) {
    super(`Not allowed: ${action}`);
    this.name = "ForbiddenError";
  }
}

/** Thrown when a resource does not exist or must not be revealed to exist. */
export class NotFoundError extends Error {
  readonly statusCode = 404;
  constructor(what = "resource") {
    super(`Not found: ${what}`);
    this.name = "NotFoundError";
  }
}

/**
 * Builds the typed authorize/can pair for a map of rules. Deny by default: an action without a
 * rule is a compile error, and a rule that throws denies.
 */
export function createAuthorizer<P extends Record<string, Rule<never>>>(policies: P) {
  type Action = keyof P & string;
  type ResourceOf<A extends Action> = Parameters<P[A]>[1];
  const can = <A extends Action>(actor: Actor, action: A, resource: ResourceOf<A>): boolean => {
    const rule = policies[action] as unknown as Rule<ResourceOf<A>> | undefined;
    if (!rule) return false;
    try {
      return rule(actor, resource) === true;
    } catch {
      return false;
    }
  };
  const authorize = <A extends Action>(actor: Actor, action: A, resource: ResourceOf<A>): void => {
    if (!can(actor, action, resource)) throw new ForbiddenError(action);
  };
  return { can, authorize };
}

/** Thrown when a page needs a signed-in person; pages redirect to the sign-in page, the API answers 401. */
export class SignInRequiredError extends Error {
  readonly statusCode = 401;
  constructor() {
    super("Sign in required");
    this.name = "SignInRequiredError";
  }
}

/** Ensures someone is signed in (staff or newcomer, second factor given where required). */
export function requireSignedIn(actor: Actor): void {
  if (actor.kind !== "staff" && actor.kind !== "newcomer") throw new SignInRequiredError();
}
