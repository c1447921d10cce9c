CREATE TYPE "public"."patient_link_channel" AS ENUM('EMAIL', 'COPY');--> statement-breakpoint
CREATE TABLE "patient_links" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"procedure_plan_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"channel" "patient_link_channel" NOT NULL,
	"sent_to" text,
	"expires_at" timestamp with time zone NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by_id" uuid,
	"revoke_reason" text,
	"last_used_at" timestamp with time zone,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patient_links_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "patient_links_attempts" CHECK ("patient_links"."failed_attempts" BETWEEN 0 AND 5),
	CONSTRAINT "patient_links_token_hash_hex" CHECK ("patient_links"."token_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "patient_links_sent_to" CHECK (("patient_links"."channel" = 'EMAIL') = ("patient_links"."sent_to" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "patient_links" ADD CONSTRAINT "patient_links_plan_fk" FOREIGN KEY ("clinic_id","procedure_plan_id") REFERENCES "public"."procedure_plans"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_links" ADD CONSTRAINT "patient_links_patient_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_links" ADD CONSTRAINT "patient_links_created_by_fk" FOREIGN KEY ("clinic_id","created_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_links" ADD CONSTRAINT "patient_links_revoked_by_fk" FOREIGN KEY ("clinic_id","revoked_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "patient_links_token_hash_key" ON "patient_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "patient_links_plan_idx" ON "patient_links" USING btree ("clinic_id","procedure_plan_id","created_at","id");