CREATE TYPE "public"."conversation_kind" AS ENUM('intake', 'voortgang', 'overig');--> statement-breakpoint
CREATE TYPE "public"."diploma_valuation" AS ENUM('geen_diploma', 'niet_aangevraagd', 'aangevraagd', 'gewaardeerd', 'erkend');--> statement-breakpoint
CREATE TYPE "public"."intake_domain" AS ENUM('taal', 'digitale_vaardigheden', 'financien', 'huisvesting', 'inkomen', 'zorgverzekering', 'gezin_kinderopvang', 'sociaal_netwerk', 'dagbesteding', 'werk_opleiding', 'motivatie_interesses');--> statement-breakpoint
CREATE TYPE "public"."education_level" AS ENUM('geen', 'basis', 'voortgezet', 'beroeps', 'hoger_beroeps', 'universitair');--> statement-breakpoint
CREATE TYPE "public"."enforcement_step" AS ENUM('uitnodiging', 'tweede_uitnodiging_waarschuwing', 'eerste_boete_derde_uitnodiging', 'tweede_boete');--> statement-breakpoint
CREATE TYPE "public"."learnability_status" AS ENUM('gepland', 'afgenomen', 'niet_afgenomen');--> statement-breakpoint
CREATE TYPE "public"."learnability_not_taken_reason" AS ENUM('zintuiglijke_beperking', 'anders');--> statement-breakpoint
CREATE TYPE "public"."household_relation" AS ENUM('partner', 'kind', 'ouder', 'anders');--> statement-breakpoint
CREATE TYPE "public"."involvement_role" AS ENUM('sleutelpersoon', 'ketenpartner');--> statement-breakpoint
CREATE TYPE "public"."key_date_kind" AS ENUM('start_plicht', 'kennisgeving_duo', 'inschrijving_brp', 'koppeling', 'huisvesting', 'eerste_pip');--> statement-breakpoint
CREATE TYPE "public"."key_date_source" AS ENUM('duo', 'brp', 'coa', 'consulent', 'import');--> statement-breakpoint
CREATE TYPE "public"."language_level" AS ENUM('moedertaal', 'goed', 'redelijk', 'beetje');--> statement-breakpoint
CREATE TYPE "public"."literacy" AS ENUM('geletterd', 'beperkt_geletterd', 'niet_geletterd');--> statement-breakpoint
CREATE TYPE "public"."leerroute" AS ENUM('b1', 'onderwijs', 'zelfredzaamheid');--> statement-breakpoint
CREATE TYPE "public"."legal_remedy_status" AS ENUM('geen', 'bezwaar_ingediend', 'bezwaar_beslist', 'beroep_ingesteld', 'beroep_beslist');--> statement-breakpoint
CREATE TYPE "public"."plan_version_status" AS ENUM('concept', 'besproken', 'vastgesteld', 'vervangen');--> statement-breakpoint
CREATE TYPE "public"."review_kind" AS ENUM('gepland', 'tussentijds');--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"conversation_id" uuid,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"content_base64" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"kind" "conversation_kind" DEFAULT 'intake' NOT NULL,
	"held_on" date NOT NULL,
	"attendees" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"notes" text,
	"drawing_svg" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "domain_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"domain" "intake_domain" NOT NULL,
	"consultant_score" integer,
	"newcomer_score" integer,
	"note" text,
	"conversation_id" uuid,
	"review_id" uuid,
	"scored_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "education_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"country" text,
	"level" "education_level" NOT NULL,
	"field" text,
	"diploma" text,
	"valuation" "diploma_valuation" DEFAULT 'geen_diploma' NOT NULL,
	"years" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enforcement_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"step" "enforcement_step" NOT NULL,
	"taken_on" date NOT NULL,
	"amount_cents" integer,
	"letter_text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "intakes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"started_on" date,
	"completed_on" date,
	"ambitions" text,
	"next_step" text,
	"vve_informed_on" date,
	"has_young_children" boolean,
	"without_partner_offered_on" date,
	"without_partner_accepted" boolean,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learnability_tests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"status" "learnability_status" NOT NULL,
	"taken_on" date,
	"score" integer,
	"indication" text,
	"not_taken_reason" "learnability_not_taken_reason",
	"not_taken_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "personal_circumstances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"situation" text,
	"health_needs" text,
	"health_referrals" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"country" text,
	"sector" text NOT NULL,
	"role" text,
	"years" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultant_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"consultant_id" uuid NOT NULL,
	"note" text,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assigned_by" uuid
);
--> statement-breakpoint
CREATE TABLE "household_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"name" text NOT NULL,
	"relation" "household_relation" NOT NULL,
	"birth_date" date,
	"linked_newcomer_id" uuid
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"source" "key_date_source" NOT NULL,
	"file_name" text NOT NULL,
	"status" text DEFAULT 'bezig' NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"created_count" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "involvements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"role" "involvement_role" NOT NULL,
	"account_id" uuid,
	"partner_organisation_id" uuid,
	"name" text NOT NULL,
	"since" date NOT NULL,
	"until" date,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "key_dates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"kind" "key_date_kind" NOT NULL,
	"date" date NOT NULL,
	"source" "key_date_source" NOT NULL,
	"note" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" uuid,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_reason" text
);
--> statement-breakpoint
CREATE TABLE "newcomer_languages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"language" text NOT NULL,
	"level" "language_level" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "term_extensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"months" integer NOT NULL,
	"reason" text NOT NULL,
	"decided_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" "plan_version_status" DEFAULT 'concept' NOT NULL,
	"content" jsonb NOT NULL,
	"set_on" date,
	"discussed_on" date,
	"change_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"first_set_on" date,
	"legal_remedy" "legal_remedy_status" DEFAULT 'geen' NOT NULL,
	"legal_remedy_on" date,
	"legal_remedy_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"plan_version_id" uuid,
	"kind" "review_kind" DEFAULT 'gepland' NOT NULL,
	"due_on" date,
	"held_on" date,
	"goal_progress" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"what_changed" text,
	"resulting_plan_version_id" uuid,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "newcomers" ADD COLUMN "family_name_prefix" text;--> statement-breakpoint
ALTER TABLE "newcomers" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "newcomers" ADD COLUMN "letter_language" text;--> statement-breakpoint
ALTER TABLE "newcomers" ADD COLUMN "interpreter_needed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "newcomers" ADD COLUMN "interpreter_language" text;--> statement-breakpoint
ALTER TABLE "newcomers" ADD COLUMN "literacy" "literacy";--> statement-breakpoint
ALTER TABLE "newcomers" ADD COLUMN "latin_script" boolean;--> statement-breakpoint
ALTER TABLE "newcomers" ADD COLUMN "social_assistance" boolean;--> statement-breakpoint
ALTER TABLE "newcomers" ADD COLUMN "closed_on" date;--> statement-breakpoint
ALTER TABLE "newcomers" ADD COLUMN "closed_reason" text;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "domain_scores" ADD CONSTRAINT "domain_scores_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "domain_scores" ADD CONSTRAINT "domain_scores_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "domain_scores" ADD CONSTRAINT "domain_scores_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "domain_scores" ADD CONSTRAINT "domain_scores_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_entries" ADD CONSTRAINT "education_entries_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_entries" ADD CONSTRAINT "education_entries_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_entries" ADD CONSTRAINT "education_entries_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_steps" ADD CONSTRAINT "enforcement_steps_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_steps" ADD CONSTRAINT "enforcement_steps_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_steps" ADD CONSTRAINT "enforcement_steps_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intakes" ADD CONSTRAINT "intakes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intakes" ADD CONSTRAINT "intakes_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intakes" ADD CONSTRAINT "intakes_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learnability_tests" ADD CONSTRAINT "learnability_tests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learnability_tests" ADD CONSTRAINT "learnability_tests_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learnability_tests" ADD CONSTRAINT "learnability_tests_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_circumstances" ADD CONSTRAINT "personal_circumstances_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_circumstances" ADD CONSTRAINT "personal_circumstances_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_circumstances" ADD CONSTRAINT "personal_circumstances_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_entries" ADD CONSTRAINT "work_entries_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_entries" ADD CONSTRAINT "work_entries_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_entries" ADD CONSTRAINT "work_entries_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultant_assignments" ADD CONSTRAINT "consultant_assignments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultant_assignments" ADD CONSTRAINT "consultant_assignments_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultant_assignments" ADD CONSTRAINT "consultant_assignments_consultant_id_accounts_id_fk" FOREIGN KEY ("consultant_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultant_assignments" ADD CONSTRAINT "consultant_assignments_assigned_by_accounts_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_members" ADD CONSTRAINT "household_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_members" ADD CONSTRAINT "household_members_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_members" ADD CONSTRAINT "household_members_linked_newcomer_id_newcomers_id_fk" FOREIGN KEY ("linked_newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "involvements" ADD CONSTRAINT "involvements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "involvements" ADD CONSTRAINT "involvements_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "involvements" ADD CONSTRAINT "involvements_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "involvements" ADD CONSTRAINT "involvements_partner_organisation_id_organisations_id_fk" FOREIGN KEY ("partner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_dates" ADD CONSTRAINT "key_dates_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_dates" ADD CONSTRAINT "key_dates_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_dates" ADD CONSTRAINT "key_dates_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newcomer_languages" ADD CONSTRAINT "newcomer_languages_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newcomer_languages" ADD CONSTRAINT "newcomer_languages_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "term_extensions" ADD CONSTRAINT "term_extensions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "term_extensions" ADD CONSTRAINT "term_extensions_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "term_extensions" ADD CONSTRAINT "term_extensions_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_plan_version_id_plan_versions_id_fk" FOREIGN KEY ("plan_version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_resulting_plan_version_id_plan_versions_id_fk" FOREIGN KEY ("resulting_plan_version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversations_newcomer" ON "conversations" USING btree ("newcomer_id","held_on");--> statement-breakpoint
CREATE INDEX "domain_scores_newcomer" ON "domain_scores" USING btree ("newcomer_id","domain","scored_on");--> statement-breakpoint
CREATE INDEX "education_newcomer" ON "education_entries" USING btree ("newcomer_id");--> statement-breakpoint
CREATE INDEX "enforcement_newcomer" ON "enforcement_steps" USING btree ("newcomer_id","taken_on");--> statement-breakpoint
CREATE INDEX "work_newcomer" ON "work_entries" USING btree ("newcomer_id");--> statement-breakpoint
CREATE INDEX "assignments_newcomer" ON "consultant_assignments" USING btree ("newcomer_id","assigned_at");--> statement-breakpoint
CREATE INDEX "household_newcomer" ON "household_members" USING btree ("newcomer_id");--> statement-breakpoint
CREATE INDEX "involvements_newcomer" ON "involvements" USING btree ("newcomer_id");--> statement-breakpoint
CREATE INDEX "involvements_account" ON "involvements" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "key_dates_newcomer" ON "key_dates" USING btree ("newcomer_id","kind","recorded_at");--> statement-breakpoint
CREATE INDEX "newcomer_languages_newcomer" ON "newcomer_languages" USING btree ("newcomer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_versions_number" ON "plan_versions" USING btree ("plan_id","number");--> statement-breakpoint
CREATE INDEX "plan_versions_newcomer" ON "plan_versions" USING btree ("newcomer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_newcomer_unique" ON "plans" USING btree ("newcomer_id");--> statement-breakpoint
CREATE INDEX "reviews_newcomer" ON "reviews" USING btree ("newcomer_id","due_on");--> statement-breakpoint
CREATE INDEX "reviews_due" ON "reviews" USING btree ("organisation_id","due_on");