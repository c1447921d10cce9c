CREATE TYPE "public"."consent_relationship" AS ENUM('SELF', 'GUARDIAN', 'POWER_OF_ATTORNEY');--> statement-breakpoint
CREATE TYPE "public"."consent_status" AS ENUM('PENDING', 'SIGNED', 'REVOKED', 'VOIDED');--> statement-breakpoint
CREATE TYPE "public"."signature_method" AS ENUM('TYPED', 'DRAWN');--> statement-breakpoint
CREATE TYPE "public"."inventory_category" AS ENUM('IMPLANT', 'SUTURE', 'CONSUMABLE', 'MEDICATION', 'OTHER');--> statement-breakpoint
CREATE TYPE "public"."installment_status" AS ENUM('PENDING', 'PARTIALLY_PAID', 'PAID');--> statement-breakpoint
CREATE TYPE "public"."payment_frequency" AS ENUM('WEEKLY', 'BIWEEKLY', 'MONTHLY');--> statement-breakpoint
CREATE TYPE "public"."payment_method" AS ENUM('CASH', 'CARD', 'CHECK', 'BANK_TRANSFER', 'OTHER');--> statement-breakpoint
CREATE TYPE "public"."payment_plan_status" AS ENUM('ACTIVE', 'COMPLETED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."procedure_plan_status" AS ENUM('DRAFT', 'QUOTED', 'APPROVED', 'SCHEDULED', 'COMPLETED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."procedure_type" AS ENUM('COSMETIC', 'RECONSTRUCTIVE', 'HYBRID');--> statement-breakpoint
CREATE TYPE "public"."payer" AS ENUM('INSURANCE', 'PATIENT');--> statement-breakpoint
CREATE TYPE "public"."quote_line_kind" AS ENUM('PROCEDURE', 'FACILITY', 'ANESTHESIA', 'SUPPLY');--> statement-breakpoint
CREATE TYPE "public"."quote_status" AS ENUM('ISSUED', 'ACCEPTED', 'SUPERSEDED', 'EXPIRED');--> statement-breakpoint
CREATE TABLE "consent_templates" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"cpt_codes" text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_templates_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "consent_templates_version_positive" CHECK ("consent_templates"."version" >= 1),
	CONSTRAINT "consent_templates_cpt_codes_present" CHECK (cardinality("consent_templates"."cpt_codes") >= 1)
);
--> statement-breakpoint
CREATE TABLE "patient_consent_instances" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"procedure_plan_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"template_code" text NOT NULL,
	"template_version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"content_hash" text NOT NULL,
	"status" "consent_status" DEFAULT 'PENDING' NOT NULL,
	"signed_at" timestamp with time zone,
	"signer_name" text,
	"relationship" "consent_relationship",
	"signature_method" "signature_method",
	"signature_data" text,
	"witness_id" uuid,
	"recorded_by_id" uuid,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text,
	"voided_at" timestamp with time zone,
	"void_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patient_consent_instances_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "patient_consent_instances_signed_complete" CHECK ("patient_consent_instances"."status" <> 'SIGNED' OR ("patient_consent_instances"."signed_at" IS NOT NULL AND "patient_consent_instances"."signer_name" IS NOT NULL AND "patient_consent_instances"."relationship" IS NOT NULL AND "patient_consent_instances"."signature_method" IS NOT NULL AND "patient_consent_instances"."signature_data" IS NOT NULL AND "patient_consent_instances"."recorded_by_id" IS NOT NULL)),
	CONSTRAINT "patient_consent_instances_revoked_complete" CHECK ("patient_consent_instances"."status" <> 'REVOKED' OR ("patient_consent_instances"."revoked_at" IS NOT NULL AND "patient_consent_instances"."revoke_reason" IS NOT NULL)),
	CONSTRAINT "patient_consent_instances_voided_complete" CHECK ("patient_consent_instances"."status" <> 'VOIDED' OR ("patient_consent_instances"."voided_at" IS NOT NULL AND "patient_consent_instances"."void_reason" IS NOT NULL)),
	CONSTRAINT "patient_consent_instances_signature_size" CHECK ("patient_consent_instances"."signature_data" IS NULL OR octet_length("patient_consent_instances"."signature_data") <= 200000)
);
--> statement-breakpoint
CREATE TABLE "fee_schedule_entries" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"cpt_code" text NOT NULL,
	"description" text NOT NULL,
	"surgeon_fee" numeric(12, 2) DEFAULT '0' NOT NULL,
	"facility_fee" numeric(12, 2) DEFAULT '0' NOT NULL,
	"anesthesia_fee" numeric(12, 2) DEFAULT '0' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fee_schedule_entries_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "fee_schedule_entries_fees_non_negative" CHECK ("fee_schedule_entries"."surgeon_fee" >= 0 AND "fee_schedule_entries"."facility_fee" >= 0 AND "fee_schedule_entries"."anesthesia_fee" >= 0)
);
--> statement-breakpoint
CREATE TABLE "inventory_items" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"category" "inventory_category" NOT NULL,
	"manufacturer" text,
	"size" text,
	"shape" text,
	"unit_price" numeric(12, 2) NOT NULL,
	"is_billable" boolean NOT NULL,
	"requires_serial_number" boolean NOT NULL,
	"hcpcs_code" text,
	"gtin" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_items_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "payment_plan_installments" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"payment_plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"due_date" date NOT NULL,
	"amount" numeric(12, 2) NOT NULL,
	"paid_amount" numeric(12, 2) DEFAULT '0' NOT NULL,
	"status" "installment_status" DEFAULT 'PENDING' NOT NULL,
	CONSTRAINT "payment_plan_installments_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "payment_plan_installments_amount_positive" CHECK ("payment_plan_installments"."amount" > 0),
	CONSTRAINT "payment_plan_installments_paid_within_amount" CHECK ("payment_plan_installments"."paid_amount" >= 0 AND "payment_plan_installments"."paid_amount" <= "payment_plan_installments"."amount")
);
--> statement-breakpoint
CREATE TABLE "payment_plan_payments" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"payment_plan_id" uuid NOT NULL,
	"amount" numeric(12, 2) NOT NULL,
	"method" "payment_method" NOT NULL,
	"reference" text,
	"received_at" timestamp with time zone NOT NULL,
	"recorded_by_id" uuid NOT NULL,
	CONSTRAINT "payment_plan_payments_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "payment_plan_payments_amount_positive" CHECK ("payment_plan_payments"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "payment_plans" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"payment_plan_number" text NOT NULL,
	"quote_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"deposit_amount" numeric(12, 2) NOT NULL,
	"financed_amount" numeric(12, 2) NOT NULL,
	"installment_count" integer NOT NULL,
	"frequency" "payment_frequency" NOT NULL,
	"first_due_date" date NOT NULL,
	"status" "payment_plan_status" DEFAULT 'ACTIVE' NOT NULL,
	"created_by_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_plans_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "payment_plans_installment_count_range" CHECK ("payment_plans"."installment_count" BETWEEN 1 AND 60),
	CONSTRAINT "payment_plans_deposit_non_negative" CHECK ("payment_plans"."deposit_amount" >= 0),
	CONSTRAINT "payment_plans_financed_positive" CHECK ("payment_plans"."financed_amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "procedure_inventory_requirements" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"inventory_item_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"requires_serial_number" boolean NOT NULL,
	"size_requirement" text,
	"shape_requirement" text,
	"is_required" boolean DEFAULT true NOT NULL,
	"is_pre_allocated" boolean DEFAULT false NOT NULL,
	"pre_allocated_batch_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procedure_inventory_requirements_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "procedure_requirements_quantity_positive" CHECK ("procedure_inventory_requirements"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "procedure_plans" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_number" text NOT NULL,
	"patient_id" uuid NOT NULL,
	"consultation_id" uuid,
	"procedure_name" text NOT NULL,
	"procedure_type" "procedure_type" NOT NULL,
	"primary_cpt_code" text NOT NULL,
	"cpt_codes" text[] NOT NULL,
	"diagnosis_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"insurance_cpt_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"estimated_cost" numeric(12, 2),
	"insurance_coverage" boolean NOT NULL,
	"insurance_portion" numeric(12, 2),
	"patient_portion" numeric(12, 2),
	"status" "procedure_plan_status" DEFAULT 'DRAFT' NOT NULL,
	"notes" text,
	"created_by_id" uuid NOT NULL,
	"approved_by_id" uuid,
	"approved_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procedure_plans_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "quote_lines" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"quote_id" uuid NOT NULL,
	"line_number" integer NOT NULL,
	"kind" "quote_line_kind" NOT NULL,
	"code" text NOT NULL,
	"description" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price" numeric(12, 2) NOT NULL,
	"amount" numeric(12, 2) NOT NULL,
	"payer" "payer" NOT NULL,
	"inventory_item_id" uuid,
	CONSTRAINT "quote_lines_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "quotes" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"quote_number" text NOT NULL,
	"procedure_plan_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"plan_number" text NOT NULL,
	"procedure_name" text NOT NULL,
	"status" "quote_status" DEFAULT 'ISSUED' NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"total" numeric(12, 2) NOT NULL,
	"insurance_portion" numeric(12, 2) NOT NULL,
	"patient_portion" numeric(12, 2) NOT NULL,
	"issued_by_id" uuid NOT NULL,
	"accepted_at" timestamp with time zone,
	"superseded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quotes_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
ALTER TABLE "consent_templates" ADD CONSTRAINT "consent_templates_clinic_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_templates" ADD CONSTRAINT "consent_templates_created_by_fk" FOREIGN KEY ("clinic_id","created_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_consent_instances" ADD CONSTRAINT "patient_consent_instances_patient_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_consent_instances" ADD CONSTRAINT "patient_consent_instances_plan_fk" FOREIGN KEY ("clinic_id","procedure_plan_id") REFERENCES "public"."procedure_plans"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_consent_instances" ADD CONSTRAINT "patient_consent_instances_template_fk" FOREIGN KEY ("clinic_id","template_id") REFERENCES "public"."consent_templates"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_consent_instances" ADD CONSTRAINT "patient_consent_instances_witness_fk" FOREIGN KEY ("clinic_id","witness_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_consent_instances" ADD CONSTRAINT "patient_consent_instances_recorded_by_fk" FOREIGN KEY ("clinic_id","recorded_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_schedule_entries" ADD CONSTRAINT "fee_schedule_entries_clinic_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_items" ADD CONSTRAINT "inventory_items_clinic_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plan_installments" ADD CONSTRAINT "payment_plan_installments_plan_fk" FOREIGN KEY ("clinic_id","payment_plan_id") REFERENCES "public"."payment_plans"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plan_payments" ADD CONSTRAINT "payment_plan_payments_plan_fk" FOREIGN KEY ("clinic_id","payment_plan_id") REFERENCES "public"."payment_plans"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plan_payments" ADD CONSTRAINT "payment_plan_payments_recorded_by_fk" FOREIGN KEY ("clinic_id","recorded_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_quote_fk" FOREIGN KEY ("clinic_id","quote_id") REFERENCES "public"."quotes"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_patient_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_created_by_fk" FOREIGN KEY ("clinic_id","created_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_inventory_requirements" ADD CONSTRAINT "procedure_requirements_plan_fk" FOREIGN KEY ("clinic_id","plan_id") REFERENCES "public"."procedure_plans"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_inventory_requirements" ADD CONSTRAINT "procedure_requirements_item_fk" FOREIGN KEY ("clinic_id","inventory_item_id") REFERENCES "public"."inventory_items"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_plans" ADD CONSTRAINT "procedure_plans_patient_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_plans" ADD CONSTRAINT "procedure_plans_consultation_fk" FOREIGN KEY ("clinic_id","consultation_id") REFERENCES "public"."consultations"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_plans" ADD CONSTRAINT "procedure_plans_created_by_fk" FOREIGN KEY ("clinic_id","created_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_plans" ADD CONSTRAINT "procedure_plans_approved_by_fk" FOREIGN KEY ("clinic_id","approved_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_lines" ADD CONSTRAINT "quote_lines_quote_fk" FOREIGN KEY ("clinic_id","quote_id") REFERENCES "public"."quotes"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_plan_fk" FOREIGN KEY ("clinic_id","procedure_plan_id") REFERENCES "public"."procedure_plans"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_patient_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_issued_by_fk" FOREIGN KEY ("clinic_id","issued_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "consent_templates_code_version_unique" ON "consent_templates" USING btree ("clinic_id","code","version");--> statement-breakpoint
CREATE UNIQUE INDEX "patient_consent_instances_plan_current_unique" ON "patient_consent_instances" USING btree ("clinic_id","procedure_plan_id") WHERE "patient_consent_instances"."status" <> 'VOIDED';--> statement-breakpoint
CREATE INDEX "patient_consent_instances_plan_idx" ON "patient_consent_instances" USING btree ("clinic_id","procedure_plan_id","id");--> statement-breakpoint
CREATE INDEX "patient_consent_instances_patient_idx" ON "patient_consent_instances" USING btree ("clinic_id","patient_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_schedule_entries_cpt_code_unique" ON "fee_schedule_entries" USING btree ("clinic_id","cpt_code");--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_items_code_unique" ON "inventory_items" USING btree ("clinic_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_items_gtin_unique" ON "inventory_items" USING btree ("clinic_id","gtin") WHERE "inventory_items"."gtin" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "inventory_items_category_idx" ON "inventory_items" USING btree ("clinic_id","category","code");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_plan_installments_number_unique" ON "payment_plan_installments" USING btree ("clinic_id","payment_plan_id","number");--> statement-breakpoint
CREATE INDEX "payment_plan_payments_plan_idx" ON "payment_plan_payments" USING btree ("clinic_id","payment_plan_id","received_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_plans_number_unique" ON "payment_plans" USING btree ("clinic_id","payment_plan_number");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_plans_one_live_per_quote" ON "payment_plans" USING btree ("clinic_id","quote_id") WHERE "payment_plans"."status" <> 'CANCELLED';--> statement-breakpoint
CREATE INDEX "payment_plans_patient_idx" ON "payment_plans" USING btree ("clinic_id","patient_id","id");--> statement-breakpoint
CREATE INDEX "payment_plans_quote_idx" ON "payment_plans" USING btree ("clinic_id","quote_id","id");--> statement-breakpoint
CREATE INDEX "procedure_requirements_plan_idx" ON "procedure_inventory_requirements" USING btree ("clinic_id","plan_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_plans_number_unique" ON "procedure_plans" USING btree ("clinic_id","plan_number");--> statement-breakpoint
CREATE INDEX "procedure_plans_patient_idx" ON "procedure_plans" USING btree ("clinic_id","patient_id","id");--> statement-breakpoint
CREATE INDEX "procedure_plans_consultation_idx" ON "procedure_plans" USING btree ("clinic_id","consultation_id","id");--> statement-breakpoint
CREATE INDEX "procedure_plans_status_idx" ON "procedure_plans" USING btree ("clinic_id","status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "quote_lines_number_unique" ON "quote_lines" USING btree ("clinic_id","quote_id","line_number");--> statement-breakpoint
CREATE UNIQUE INDEX "quotes_number_unique" ON "quotes" USING btree ("clinic_id","quote_number");--> statement-breakpoint
CREATE UNIQUE INDEX "quotes_one_live_per_plan" ON "quotes" USING btree ("clinic_id","procedure_plan_id") WHERE "quotes"."status" IN ('ISSUED', 'ACCEPTED');--> statement-breakpoint
CREATE INDEX "quotes_plan_idx" ON "quotes" USING btree ("clinic_id","procedure_plan_id","id");