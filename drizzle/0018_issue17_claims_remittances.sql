CREATE TYPE "public"."bill_adjustment_kind" AS ENUM('WRITE_OFF', 'TRANSFER_TO_PATIENT', 'PAYER_ADJUSTMENT');--> statement-breakpoint
CREATE TYPE "public"."claim_status" AS ENUM('DRAFT', 'SUBMITTED', 'ACCEPTED', 'REJECTED', 'PAID', 'PARTIALLY_PAID', 'DENIED', 'VOID');--> statement-breakpoint
CREATE TABLE "bill_adjustments" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"bill_id" uuid NOT NULL,
	"kind" "bill_adjustment_kind" NOT NULL,
	"group_code" text NOT NULL,
	"reason_code" text NOT NULL,
	"amount" numeric(12, 2) NOT NULL,
	"bill_line_number" integer,
	"remittance_id" uuid NOT NULL,
	"remittance_claim_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bill_adjustments_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "bill_adjustments_group" CHECK ("bill_adjustments"."group_code" IN ('CO', 'PR', 'OA', 'PI')),
	CONSTRAINT "bill_adjustments_amount_not_zero" CHECK ("bill_adjustments"."amount" <> 0)
);
--> statement-breakpoint
CREATE TABLE "claim_events" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"event" text NOT NULL,
	"from_status" "claim_status",
	"to_status" "claim_status" NOT NULL,
	"actor_id" uuid NOT NULL,
	"submission_id" uuid,
	"remittance_id" uuid,
	"note" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "claim_events_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "claim_lines" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"line_number" integer NOT NULL,
	"bill_line_number" integer NOT NULL,
	"procedure_code" text NOT NULL,
	"modifiers" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text NOT NULL,
	"units" integer NOT NULL,
	"charge" numeric(12, 2) NOT NULL,
	"diagnosis_pointers" integer[] NOT NULL,
	"service_date" date NOT NULL,
	"note" text,
	"paid_amount" numeric(12, 2) DEFAULT '0' NOT NULL,
	"adjusted_amount" numeric(12, 2) DEFAULT '0' NOT NULL,
	"patient_responsibility" numeric(12, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "claim_lines_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "claim_lines_units_positive" CHECK ("claim_lines"."units" > 0),
	CONSTRAINT "claim_lines_charge_not_negative" CHECK ("claim_lines"."charge" >= 0),
	CONSTRAINT "claim_lines_pointers" CHECK (cardinality("claim_lines"."diagnosis_pointers") BETWEEN 1 AND 4)
);
--> statement-breakpoint
CREATE TABLE "claim_submissions" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"interchange_control_number" integer NOT NULL,
	"group_control_number" integer NOT NULL,
	"claim_ids" uuid[] NOT NULL,
	"x12" text NOT NULL,
	"submitted_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_submissions_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"claim_number" text NOT NULL,
	"bill_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"payer_ref" uuid NOT NULL,
	"status" "claim_status" DEFAULT 'DRAFT' NOT NULL,
	"frequency" text DEFAULT '1' NOT NULL,
	"original_claim_id" uuid,
	"total_charge" numeric(12, 2) NOT NULL,
	"place_of_service" text NOT NULL,
	"prior_authorization_number" text,
	"diagnosis_codes" text[] NOT NULL,
	"rendering_provider_id" uuid,
	"service_date" date NOT NULL,
	"snapshot" jsonb NOT NULL,
	"payer_claim_control_number" text,
	"paid_amount" numeric(12, 2) DEFAULT '0' NOT NULL,
	"adjusted_amount" numeric(12, 2) DEFAULT '0' NOT NULL,
	"patient_responsibility" numeric(12, 2) DEFAULT '0' NOT NULL,
	"status_reason" text,
	"submitted_at" timestamp with time zone,
	"last_submission_id" uuid,
	"adjudicated_at" timestamp with time zone,
	"created_by_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claims_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "claims_frequency" CHECK ("claims"."frequency" IN ('1', '7', '8')),
	CONSTRAINT "claims_original_when_corrected" CHECK (("claims"."frequency" = '1') = ("claims"."original_claim_id" IS NULL)),
	CONSTRAINT "claims_total_not_negative" CHECK ("claims"."total_charge" >= 0),
	CONSTRAINT "claims_diagnoses_count" CHECK (cardinality("claims"."diagnosis_codes") BETWEEN 1 AND 12)
);
--> statement-breakpoint
CREATE TABLE "remittance_claims" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"remittance_id" uuid NOT NULL,
	"segment_index" integer NOT NULL,
	"patient_control_number" text NOT NULL,
	"claim_id" uuid,
	"unmatched_reason" text,
	"status_code" text NOT NULL,
	"charge" numeric(12, 2) NOT NULL,
	"paid" numeric(12, 2) NOT NULL,
	"patient_responsibility" numeric(12, 2) NOT NULL,
	"payer_claim_control_number" text,
	"result_status" "claim_status",
	"adjustments" jsonb NOT NULL,
	"services" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "remittance_claims_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "remittance_claims_matched_or_why" CHECK (("remittance_claims"."claim_id" IS NULL) = ("remittance_claims"."unmatched_reason" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "remittances" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"trace_number" text NOT NULL,
	"payer_identifier" text NOT NULL,
	"payer_name" text NOT NULL,
	"payer_ref" uuid,
	"payment_amount" numeric(12, 2) NOT NULL,
	"payment_method" text NOT NULL,
	"payment_date" date,
	"provider_adjustments" jsonb NOT NULL,
	"x12" text NOT NULL,
	"received_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "remittances_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
ALTER TABLE "bills" DROP CONSTRAINT "bills_insurance_paid_within";--> statement-breakpoint
ALTER TABLE "bills" DROP CONSTRAINT "bills_patient_paid_within";--> statement-breakpoint
ALTER TABLE "bill_payments" ADD COLUMN "remittance_id" uuid;--> statement-breakpoint
ALTER TABLE "bill_payments" ADD COLUMN "remittance_claim_id" uuid;--> statement-breakpoint
ALTER TABLE "bills" ADD COLUMN "insurance_adjusted" numeric(12, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "bills" ADD COLUMN "transferred_to_patient" numeric(12, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "bill_adjustments" ADD CONSTRAINT "bill_adjustments_bill_fk" FOREIGN KEY ("clinic_id","bill_id") REFERENCES "public"."bills"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_adjustments" ADD CONSTRAINT "bill_adjustments_recorded_by_fk" FOREIGN KEY ("clinic_id","recorded_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_events" ADD CONSTRAINT "claim_events_claim_fk" FOREIGN KEY ("clinic_id","claim_id") REFERENCES "public"."claims"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_events" ADD CONSTRAINT "claim_events_actor_fk" FOREIGN KEY ("clinic_id","actor_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_events" ADD CONSTRAINT "claim_events_submission_fk" FOREIGN KEY ("clinic_id","submission_id") REFERENCES "public"."claim_submissions"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_events" ADD CONSTRAINT "claim_events_remittance_fk" FOREIGN KEY ("clinic_id","remittance_id") REFERENCES "public"."remittances"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_lines" ADD CONSTRAINT "claim_lines_claim_fk" FOREIGN KEY ("clinic_id","claim_id") REFERENCES "public"."claims"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_submissions" ADD CONSTRAINT "claim_submissions_by_fk" FOREIGN KEY ("clinic_id","submitted_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_bill_fk" FOREIGN KEY ("clinic_id","bill_id") REFERENCES "public"."bills"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_patient_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_payer_fk" FOREIGN KEY ("clinic_id","payer_ref") REFERENCES "public"."payers"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_rendering_fk" FOREIGN KEY ("clinic_id","rendering_provider_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_created_by_fk" FOREIGN KEY ("clinic_id","created_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_original_fk" FOREIGN KEY ("clinic_id","original_claim_id") REFERENCES "public"."claims"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_claims" ADD CONSTRAINT "remittance_claims_remittance_fk" FOREIGN KEY ("clinic_id","remittance_id") REFERENCES "public"."remittances"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_claims" ADD CONSTRAINT "remittance_claims_claim_fk" FOREIGN KEY ("clinic_id","claim_id") REFERENCES "public"."claims"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittances" ADD CONSTRAINT "remittances_payer_fk" FOREIGN KEY ("clinic_id","payer_ref") REFERENCES "public"."payers"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittances" ADD CONSTRAINT "remittances_received_by_fk" FOREIGN KEY ("clinic_id","received_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bill_adjustments_bill_idx" ON "bill_adjustments" USING btree ("clinic_id","bill_id","id");--> statement-breakpoint
CREATE INDEX "claim_events_claim_idx" ON "claim_events" USING btree ("clinic_id","claim_id","at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_lines_number_unique" ON "claim_lines" USING btree ("clinic_id","claim_id","line_number");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_submissions_isa_unique" ON "claim_submissions" USING btree ("clinic_id","interchange_control_number");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_submissions_gs_unique" ON "claim_submissions" USING btree ("clinic_id","group_control_number");--> statement-breakpoint
CREATE INDEX "claim_submissions_created_idx" ON "claim_submissions" USING btree ("clinic_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_number_unique" ON "claims" USING btree ("clinic_id","claim_number");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_one_open_per_bill" ON "claims" USING btree ("clinic_id","bill_id") WHERE "claims"."status" IN ('DRAFT', 'SUBMITTED', 'ACCEPTED') AND "claims"."frequency" <> '8';--> statement-breakpoint
CREATE INDEX "claims_status_idx" ON "claims" USING btree ("clinic_id","status","id");--> statement-breakpoint
CREATE INDEX "claims_payer_idx" ON "claims" USING btree ("clinic_id","payer_ref","id");--> statement-breakpoint
CREATE INDEX "claims_patient_idx" ON "claims" USING btree ("clinic_id","patient_id","id");--> statement-breakpoint
CREATE INDEX "claims_bill_idx" ON "claims" USING btree ("clinic_id","bill_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "remittance_claims_segment_unique" ON "remittance_claims" USING btree ("clinic_id","remittance_id","segment_index");--> statement-breakpoint
CREATE INDEX "remittance_claims_claim_idx" ON "remittance_claims" USING btree ("clinic_id","claim_id","id");--> statement-breakpoint
CREATE INDEX "remittance_claims_unmatched_idx" ON "remittance_claims" USING btree ("clinic_id","patient_control_number") WHERE "remittance_claims"."claim_id" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "remittances_trace_unique" ON "remittances" USING btree ("clinic_id","payer_identifier","trace_number");--> statement-breakpoint
CREATE INDEX "remittances_created_idx" ON "remittances" USING btree ("clinic_id","created_at","id");--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_insurance_paid_within" CHECK ("bills"."insurance_paid" >= 0 AND "bills"."insurance_adjusted" >= 0 AND "bills"."transferred_to_patient" >= 0 AND "bills"."insurance_paid" + "bills"."insurance_adjusted" + "bills"."transferred_to_patient" <= "bills"."insurance_total");--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_patient_paid_within" CHECK ("bills"."patient_paid" >= 0 AND "bills"."patient_paid" <= "bills"."patient_total" + "bills"."transferred_to_patient");