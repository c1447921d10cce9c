CREATE TYPE "public"."place_of_service" AS ENUM('11', '22', '24');--> statement-breakpoint
CREATE TYPE "public"."subscriber_relationship" AS ENUM('18', '01', '19', 'G8');--> statement-breakpoint
CREATE TABLE "clinic_billing_profiles" (
	"clinic_id" uuid PRIMARY KEY NOT NULL,
	"legal_name" text NOT NULL,
	"npi" text NOT NULL,
	"tax_id" text NOT NULL,
	"taxonomy_code" text NOT NULL,
	"address" jsonb NOT NULL,
	"submitter_id" text NOT NULL,
	"receiver_id" text NOT NULL,
	"default_place_of_service" "place_of_service" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patient_insurances" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"payer_ref" uuid NOT NULL,
	"member_id" text NOT NULL,
	"group_number" text,
	"relationship" "subscriber_relationship" NOT NULL,
	"subscriber_first_name" text,
	"subscriber_last_name" text,
	"subscriber_date_of_birth" date,
	"subscriber_sex" "sex_at_birth",
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patient_insurances_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "payers" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"payer_id" text NOT NULL,
	"address" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payers_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "npi" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "taxonomy_code" text;--> statement-breakpoint
ALTER TABLE "clinic_billing_profiles" ADD CONSTRAINT "clinic_billing_profiles_clinic_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_insurances" ADD CONSTRAINT "patient_insurances_patient_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_insurances" ADD CONSTRAINT "patient_insurances_payer_fk" FOREIGN KEY ("clinic_id","payer_ref") REFERENCES "public"."payers"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payers" ADD CONSTRAINT "payers_clinic_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "patient_insurances_patient_unique" ON "patient_insurances" USING btree ("clinic_id","patient_id");--> statement-breakpoint
CREATE INDEX "patient_insurances_payer_idx" ON "patient_insurances" USING btree ("clinic_id","payer_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "payers_payer_id_unique" ON "payers" USING btree ("clinic_id","payer_id");--> statement-breakpoint
CREATE INDEX "payers_name_idx" ON "payers" USING btree ("clinic_id","name","id");