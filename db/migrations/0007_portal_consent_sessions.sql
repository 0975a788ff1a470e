CREATE TYPE "public"."consent_purpose" AS ENUM('sleutelpersoon', 'lokaal_initiatief', 'werkgever', 'buddy');--> statement-breakpoint
CREATE TYPE "public"."newcomer_voice_kind" AS ENUM('droom', 'doel', 'opmerking', 'wijzigingsvoorstel');--> statement-breakpoint
CREATE TYPE "public"."action_status" AS ENUM('gepland', 'bezig', 'afgerond', 'gestopt');--> statement-breakpoint
CREATE TYPE "public"."note_group_kind" AS ENUM('groep', 'sleutelinzicht', 'vraagstuk');--> statement-breakpoint
CREATE TYPE "public"."note_category" AS ENUM('positief', 'negatief', 'onderzoeksvraag', 'les_instituties', 'les_nieuwkomers');--> statement-breakpoint
CREATE TYPE "public"."participant_role" AS ENUM('nieuwkomer', 'beleidsmaker', 'professional', 'maatschappelijke_organisatie', 'vrijwilliger', 'onderzoeker');--> statement-breakpoint
CREATE TYPE "public"."registration_status" AS ENUM('aangemeld', 'wachtlijst', 'geannuleerd');--> statement-breakpoint
CREATE TYPE "public"."session_phase" AS ENUM('voorbereiding', 'welkom', 'luisteren', 'groeperen', 'stemmen', 'actie', 'afgerond');--> statement-breakpoint
CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"purpose" "consent_purpose" NOT NULL,
	"grantee_account_id" uuid,
	"grantee_organisation_id" uuid,
	"grantee_name" text NOT NULL,
	"data_classes" text[] NOT NULL,
	"valid_from" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"shown" jsonb NOT NULL,
	"witness" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "correction_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"text" text NOT NULL,
	"locale" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"handled_by" uuid,
	"handled_at" timestamp with time zone,
	"answer" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "newcomer_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "newcomer_invitations_codeHash_unique" UNIQUE("code_hash")
);
--> statement-breakpoint
CREATE TABLE "newcomer_voices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"kind" "newcomer_voice_kind" NOT NULL,
	"goal_id" text,
	"plan_version_id" uuid,
	"text" text NOT NULL,
	"locale" text NOT NULL,
	"author_account_id" uuid,
	"seen_by_consultant_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "passkeys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"credential_id" text NOT NULL,
	"public_key" text NOT NULL,
	"counter" integer DEFAULT 0 NOT NULL,
	"transports" text[],
	"name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "plan_reactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"plan_version_id" uuid NOT NULL,
	"agrees" boolean NOT NULL,
	"explanation" text,
	"locale" text NOT NULL,
	"author_account_id" uuid,
	"seen_by_consultant_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"last_seen_plan_version_id" uuid
);
--> statement-breakpoint
CREATE TABLE "text_translations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"newcomer_id" uuid NOT NULL,
	"source_key" text NOT NULL,
	"source_text" text NOT NULL,
	"locale" text NOT NULL,
	"text" text NOT NULL,
	"method" text NOT NULL,
	"reviewed" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "board_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"role" "participant_role" NOT NULL,
	"display_name" text,
	"locale" text NOT NULL,
	"secret_hash" text NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "board_participants_secretHash_unique" UNIQUE("secret_hash")
);
--> statement-breakpoint
CREATE TABLE "maaksessies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"parent_id" uuid,
	"host_organisation_id" uuid,
	"title" text NOT NULL,
	"description" text,
	"theme_ids" uuid[] DEFAULT '{}' NOT NULL,
	"region_id" uuid,
	"date" date NOT NULL,
	"starts_at" time NOT NULL,
	"ends_at" time NOT NULL,
	"place" text,
	"room" text,
	"online_url" text,
	"programme" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"partner_organisation_ids" uuid[] DEFAULT '{}' NOT NULL,
	"capacity" integer,
	"languages" text[] DEFAULT '{"nl"}' NOT NULL,
	"interpreters" text,
	"registration_open" boolean DEFAULT true NOT NULL,
	"join_code" text NOT NULL,
	"phase" "session_phase" DEFAULT 'voorbereiding' NOT NULL,
	"timer_ends_at" timestamp with time zone,
	"vote_budget" integer DEFAULT 3 NOT NULL,
	"participants_may_group" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "note_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"kind" "note_group_kind" DEFAULT 'groep' NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"breakout_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"participant_id" uuid,
	"client_id" text NOT NULL,
	"category" "note_category" NOT NULL,
	"story_id" uuid,
	"text" text NOT NULL,
	"locale" text NOT NULL,
	"role" "participant_role" NOT NULL,
	"author_name" text,
	"dutch_text" text,
	"dutch_by" text,
	"revealed" boolean DEFAULT false NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_by" uuid,
	"group_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"breakout_id" uuid,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"affiliation" text,
	"role" "participant_role" NOT NULL,
	"locale" text DEFAULT 'nl' NOT NULL,
	"needs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "registration_status" NOT NULL,
	"waitlisted_at" timestamp with time zone,
	"cancel_token_hash" text NOT NULL,
	"check_in_code" text NOT NULL,
	"checked_in_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"group_id" uuid,
	"what" text NOT NULL,
	"owner_name" text NOT NULL,
	"owner_organisation_id" uuid,
	"owner_organisation_name" text,
	"co_owner_organisations" text[] DEFAULT '{}' NOT NULL,
	"stakeholders" text,
	"first_step" text,
	"due_on" date,
	"status" "action_status" DEFAULT 'gepland' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"teller" text NOT NULL,
	"teller_role" "participant_role" NOT NULL,
	"may_quote" boolean DEFAULT false NOT NULL,
	"may_name" boolean DEFAULT false NOT NULL,
	"summary" text,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_themes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "session_themes_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"role" "participant_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_grantee_account_id_accounts_id_fk" FOREIGN KEY ("grantee_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_grantee_organisation_id_organisations_id_fk" FOREIGN KEY ("grantee_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correction_requests" ADD CONSTRAINT "correction_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correction_requests" ADD CONSTRAINT "correction_requests_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correction_requests" ADD CONSTRAINT "correction_requests_handled_by_accounts_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newcomer_invitations" ADD CONSTRAINT "newcomer_invitations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newcomer_invitations" ADD CONSTRAINT "newcomer_invitations_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newcomer_invitations" ADD CONSTRAINT "newcomer_invitations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newcomer_invitations" ADD CONSTRAINT "newcomer_invitations_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newcomer_voices" ADD CONSTRAINT "newcomer_voices_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newcomer_voices" ADD CONSTRAINT "newcomer_voices_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newcomer_voices" ADD CONSTRAINT "newcomer_voices_plan_version_id_plan_versions_id_fk" FOREIGN KEY ("plan_version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newcomer_voices" ADD CONSTRAINT "newcomer_voices_author_account_id_accounts_id_fk" FOREIGN KEY ("author_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passkeys" ADD CONSTRAINT "passkeys_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passkeys" ADD CONSTRAINT "passkeys_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reactions" ADD CONSTRAINT "plan_reactions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reactions" ADD CONSTRAINT "plan_reactions_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reactions" ADD CONSTRAINT "plan_reactions_plan_version_id_plan_versions_id_fk" FOREIGN KEY ("plan_version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reactions" ADD CONSTRAINT "plan_reactions_author_account_id_accounts_id_fk" FOREIGN KEY ("author_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_views" ADD CONSTRAINT "plan_views_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_views" ADD CONSTRAINT "plan_views_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_views" ADD CONSTRAINT "plan_views_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_views" ADD CONSTRAINT "plan_views_last_seen_plan_version_id_plan_versions_id_fk" FOREIGN KEY ("last_seen_plan_version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_translations" ADD CONSTRAINT "text_translations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_translations" ADD CONSTRAINT "text_translations_newcomer_id_newcomers_id_fk" FOREIGN KEY ("newcomer_id") REFERENCES "public"."newcomers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_translations" ADD CONSTRAINT "text_translations_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_participants" ADD CONSTRAINT "board_participants_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_participants" ADD CONSTRAINT "board_participants_session_id_maaksessies_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."maaksessies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maaksessies" ADD CONSTRAINT "maaksessies_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maaksessies" ADD CONSTRAINT "maaksessies_parent_id_maaksessies_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."maaksessies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maaksessies" ADD CONSTRAINT "maaksessies_host_organisation_id_organisations_id_fk" FOREIGN KEY ("host_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maaksessies" ADD CONSTRAINT "maaksessies_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maaksessies" ADD CONSTRAINT "maaksessies_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_groups" ADD CONSTRAINT "note_groups_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_groups" ADD CONSTRAINT "note_groups_session_id_maaksessies_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."maaksessies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_groups" ADD CONSTRAINT "note_groups_breakout_id_maaksessies_id_fk" FOREIGN KEY ("breakout_id") REFERENCES "public"."maaksessies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_session_id_maaksessies_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."maaksessies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_participant_id_board_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."board_participants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_hidden_by_accounts_id_fk" FOREIGN KEY ("hidden_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_session_id_maaksessies_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."maaksessies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_breakout_id_maaksessies_id_fk" FOREIGN KEY ("breakout_id") REFERENCES "public"."maaksessies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_actions" ADD CONSTRAINT "session_actions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_actions" ADD CONSTRAINT "session_actions_session_id_maaksessies_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."maaksessies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_actions" ADD CONSTRAINT "session_actions_group_id_note_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."note_groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_actions" ADD CONSTRAINT "session_actions_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_actions" ADD CONSTRAINT "session_actions_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_session_id_maaksessies_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."maaksessies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_session_id_maaksessies_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."maaksessies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_group_id_note_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."note_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_participant_id_board_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."board_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consents_newcomer" ON "consents" USING btree ("newcomer_id");--> statement-breakpoint
CREATE INDEX "consents_grantee_account" ON "consents" USING btree ("grantee_account_id");--> statement-breakpoint
CREATE INDEX "consents_grantee_organisation" ON "consents" USING btree ("grantee_organisation_id");--> statement-breakpoint
CREATE INDEX "newcomer_voices_newcomer" ON "newcomer_voices" USING btree ("newcomer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "passkeys_credential" ON "passkeys" USING btree ("credential_id");--> statement-breakpoint
CREATE INDEX "plan_reactions_newcomer" ON "plan_reactions" USING btree ("newcomer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_views_unique" ON "plan_views" USING btree ("newcomer_id","account_id");--> statement-breakpoint
CREATE INDEX "text_translations_key" ON "text_translations" USING btree ("newcomer_id","source_key","locale");--> statement-breakpoint
CREATE INDEX "board_participants_session" ON "board_participants" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "maaksessies_join_code" ON "maaksessies" USING btree ("join_code");--> statement-breakpoint
CREATE INDEX "maaksessies_organisation" ON "maaksessies" USING btree ("organisation_id","date");--> statement-breakpoint
CREATE INDEX "note_groups_session" ON "note_groups" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "notes_session" ON "notes" USING btree ("session_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notes_client_id" ON "notes" USING btree ("session_id","client_id");--> statement-breakpoint
CREATE INDEX "registrations_session" ON "registrations" USING btree ("session_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_check_in" ON "registrations" USING btree ("session_id","check_in_code");--> statement-breakpoint
CREATE INDEX "session_actions_session" ON "session_actions" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "votes_session" ON "votes" USING btree ("session_id","participant_id");