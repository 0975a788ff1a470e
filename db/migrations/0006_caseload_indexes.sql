CREATE INDEX "household_linked" ON "household_members" USING btree ("linked_newcomer_id");--> statement-breakpoint
CREATE INDEX "key_dates_organisation_current" ON "key_dates" USING btree ("organisation_id","kind","newcomer_id","recorded_at") WHERE "key_dates"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "newcomers_consultant" ON "newcomers" USING btree ("organisation_id","assigned_consultant_id");--> statement-breakpoint
CREATE INDEX "term_extensions_newcomer" ON "term_extensions" USING btree ("newcomer_id");