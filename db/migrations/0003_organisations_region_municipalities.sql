CREATE TABLE "region_municipalities" (
	"region_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	CONSTRAINT "region_municipalities_region_id_municipality_code_pk" PRIMARY KEY("region_id","municipality_code")
);
--> statement-breakpoint
ALTER TABLE "region_municipalities" ADD CONSTRAINT "region_municipalities_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_municipalities" ADD CONSTRAINT "region_municipalities_municipality_code_ref_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."ref_municipalities"("code") ON DELETE no action ON UPDATE no action;