CREATE TYPE "public"."digid_level" AS ENUM('basis', 'midden', 'substantieel', 'hoog');--> statement-breakpoint
CREATE TYPE "public"."identity_provider_purpose" AS ENUM('staff', 'digid');--> statement-breakpoint
ALTER TABLE "identity_providers" ADD COLUMN "purpose" "identity_provider_purpose" DEFAULT 'staff' NOT NULL;--> statement-breakpoint
ALTER TABLE "identity_providers" ADD COLUMN "bsn_claim" text;--> statement-breakpoint
ALTER TABLE "identity_providers" ADD COLUMN "minimum_level" "digid_level";--> statement-breakpoint
ALTER TABLE "identity_providers" ADD COLUMN "acr_mapping" jsonb;--> statement-breakpoint
ALTER TABLE "identity_providers" ADD COLUMN "extra_scopes" text;--> statement-breakpoint
CREATE UNIQUE INDEX "identity_providers_one_digid" ON "identity_providers" USING btree ("organisation_id") WHERE "identity_providers"."purpose" = 'digid' and "identity_providers"."enabled";--> statement-breakpoint
ALTER TABLE "identity_providers" ADD CONSTRAINT "identity_providers_digid_settings" CHECK ("identity_providers"."purpose" = 'staff' or ("identity_providers"."bsn_claim" is not null and "identity_providers"."minimum_level" is not null and "identity_providers"."minimum_level" <> 'basis' and "identity_providers"."acr_mapping" is not null));