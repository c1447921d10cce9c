CREATE TYPE "public"."bill_status" AS ENUM('OPEN', 'PAID', 'VOID');--> statement-breakpoint
CREATE TYPE "public"."prior_authorization_status" AS ENUM('DRAFT', 'SUBMITTED', 'APPROVED', 'DENIED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."surgical_case_status" AS ENUM('SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED');--> statement-breakpoint
CREATE TABLE "bill_line_items" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"bill_id" uuid NOT NULL,
	"line_number" integer NOT NULL,
	"kind" "quote_line_kind" NOT NULL,
	"procedure_code" text NOT NULL,
	"modifiers" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price" numeric(12, 2) NOT NULL,
	"amount" numeric(12, 2) NOT NULL,
	"payer" "payer" NOT NULL,
	"inventory_item_id" uuid,
	"inventory_usage_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"serial_numbers" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "bill_line_items_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "bill_line_items_quantity_positive" CHECK ("bill_line_items"."quantity" > 0),
	CONSTRAINT "bill_line_items_amount" CHECK ("bill_line_items"."amount" = "bill_line_items"."unit_price" * "bill_line_items"."quantity")
);
--> statement-breakpoint
CREATE TABLE "bill_payments" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"bill_id" uuid NOT NULL,
	"payer" "payer" NOT NULL,
	"amount" numeric(12, 2) NOT NULL,
	"method" "payment_method" NOT NULL,
	"reference" text,
	"received_at" timestamp with time zone NOT NULL,
	"recorded_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bill_payments_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "bill_payments_amount_positive" CHECK ("bill_payments"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "bills" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"bill_number" text NOT NULL,
	"surgical_case_id" uuid NOT NULL,
	"procedure_plan_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"quote_id" uuid,
	"status" "bill_status" DEFAULT 'OPEN' NOT NULL,
	"total" numeric(12, 2) NOT NULL,
	"insurance_total" numeric(12, 2) NOT NULL,
	"patient_total" numeric(12, 2) NOT NULL,
	"insurance_paid" numeric(12, 2) DEFAULT '0' NOT NULL,
	"patient_paid" numeric(12, 2) DEFAULT '0' NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"voided_at" timestamp with time zone,
	"voided_by_id" uuid,
	"void_reason" text,
	"created_by_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bills_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "bills_portions_add_up" CHECK ("bills"."insurance_total" + "bills"."patient_total" = "bills"."total"),
	CONSTRAINT "bills_insurance_paid_within" CHECK ("bills"."insurance_paid" >= 0 AND "bills"."insurance_paid" <= "bills"."insurance_total"),
	CONSTRAINT "bills_patient_paid_within" CHECK ("bills"."patient_paid" >= 0 AND "bills"."patient_paid" <= "bills"."patient_total")
);
--> statement-breakpoint
CREATE TABLE "prior_authorizations" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"reference_number" text NOT NULL,
	"procedure_plan_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"payer_name" text NOT NULL,
	"member_id" text NOT NULL,
	"cpt_codes" text[] NOT NULL,
	"diagnosis_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" "prior_authorization_status" DEFAULT 'DRAFT' NOT NULL,
	"authorization_number" text,
	"approved_cpt_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"decision_notes" text,
	"created_by_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by_id" uuid,
	"decided_at" timestamp with time zone,
	"decided_by_id" uuid,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prior_authorizations_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "prior_authorizations_approved_has_window" CHECK ("prior_authorizations"."status" <> 'APPROVED' OR ("prior_authorizations"."authorization_number" IS NOT NULL AND "prior_authorizations"."valid_from" IS NOT NULL AND "prior_authorizations"."valid_to" IS NOT NULL AND cardinality("prior_authorizations"."approved_cpt_codes") > 0)),
	CONSTRAINT "prior_authorizations_window_ordered" CHECK ("prior_authorizations"."valid_from" IS NULL OR "prior_authorizations"."valid_to" IS NULL OR "prior_authorizations"."valid_from" <= "prior_authorizations"."valid_to")
);
--> statement-breakpoint
CREATE TABLE "operating_rooms" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "operating_rooms_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "surgical_cases" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_number" text NOT NULL,
	"procedure_plan_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"surgeon_id" uuid NOT NULL,
	"operating_room_id" uuid NOT NULL,
	"scheduled_start" timestamp with time zone NOT NULL,
	"scheduled_end" timestamp with time zone NOT NULL,
	"status" "surgical_case_status" DEFAULT 'SCHEDULED' NOT NULL,
	"procedure_name" text NOT NULL,
	"procedure_code" text NOT NULL,
	"cpt_codes" text[] NOT NULL,
	"diagnosis_codes" text[] NOT NULL,
	"procedure_type" "procedure_type" NOT NULL,
	"insurance_cpt_codes" text[] NOT NULL,
	"created_by_id" uuid NOT NULL,
	"started_at" timestamp with time zone,
	"started_by_id" uuid,
	"completed_at" timestamp with time zone,
	"completed_by_id" uuid,
	"completion_notes" text,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "surgical_cases_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "surgical_cases_end_after_start" CHECK ("surgical_cases"."scheduled_end" > "surgical_cases"."scheduled_start")
);
--> statement-breakpoint
ALTER TABLE "bill_line_items" ADD CONSTRAINT "bill_line_items_bill_fk" FOREIGN KEY ("clinic_id","bill_id") REFERENCES "public"."bills"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_line_items" ADD CONSTRAINT "bill_line_items_item_fk" FOREIGN KEY ("clinic_id","inventory_item_id") REFERENCES "public"."inventory_items"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_payments" ADD CONSTRAINT "bill_payments_bill_fk" FOREIGN KEY ("clinic_id","bill_id") REFERENCES "public"."bills"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_payments" ADD CONSTRAINT "bill_payments_recorded_by_fk" FOREIGN KEY ("clinic_id","recorded_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_case_fk" FOREIGN KEY ("clinic_id","surgical_case_id") REFERENCES "public"."surgical_cases"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_plan_fk" FOREIGN KEY ("clinic_id","procedure_plan_id") REFERENCES "public"."procedure_plans"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_patient_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_quote_fk" FOREIGN KEY ("clinic_id","quote_id") REFERENCES "public"."quotes"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_created_by_fk" FOREIGN KEY ("clinic_id","created_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_voided_by_fk" FOREIGN KEY ("clinic_id","voided_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_authorizations" ADD CONSTRAINT "prior_authorizations_plan_fk" FOREIGN KEY ("clinic_id","procedure_plan_id") REFERENCES "public"."procedure_plans"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_authorizations" ADD CONSTRAINT "prior_authorizations_patient_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_authorizations" ADD CONSTRAINT "prior_authorizations_created_by_fk" FOREIGN KEY ("clinic_id","created_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_authorizations" ADD CONSTRAINT "prior_authorizations_submitted_by_fk" FOREIGN KEY ("clinic_id","submitted_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_authorizations" ADD CONSTRAINT "prior_authorizations_decided_by_fk" FOREIGN KEY ("clinic_id","decided_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surgical_cases" ADD CONSTRAINT "surgical_cases_plan_fk" FOREIGN KEY ("clinic_id","procedure_plan_id") REFERENCES "public"."procedure_plans"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surgical_cases" ADD CONSTRAINT "surgical_cases_patient_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surgical_cases" ADD CONSTRAINT "surgical_cases_surgeon_fk" FOREIGN KEY ("clinic_id","surgeon_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surgical_cases" ADD CONSTRAINT "surgical_cases_room_fk" FOREIGN KEY ("clinic_id","operating_room_id") REFERENCES "public"."operating_rooms"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surgical_cases" ADD CONSTRAINT "surgical_cases_created_by_fk" FOREIGN KEY ("clinic_id","created_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surgical_cases" ADD CONSTRAINT "surgical_cases_started_by_fk" FOREIGN KEY ("clinic_id","started_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surgical_cases" ADD CONSTRAINT "surgical_cases_completed_by_fk" FOREIGN KEY ("clinic_id","completed_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bill_line_items_number_unique" ON "bill_line_items" USING btree ("clinic_id","bill_id","line_number");--> statement-breakpoint
CREATE INDEX "bill_payments_bill_idx" ON "bill_payments" USING btree ("clinic_id","bill_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "bills_number_unique" ON "bills" USING btree ("clinic_id","bill_number");--> statement-breakpoint
CREATE UNIQUE INDEX "bills_one_per_case" ON "bills" USING btree ("clinic_id","surgical_case_id");--> statement-breakpoint
CREATE INDEX "bills_patient_idx" ON "bills" USING btree ("clinic_id","patient_id","id");--> statement-breakpoint
CREATE INDEX "bills_status_idx" ON "bills" USING btree ("clinic_id","status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "prior_authorizations_reference_unique" ON "prior_authorizations" USING btree ("clinic_id","reference_number");--> statement-breakpoint
CREATE INDEX "prior_authorizations_plan_idx" ON "prior_authorizations" USING btree ("clinic_id","procedure_plan_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "operating_rooms_name_unique" ON "operating_rooms" USING btree ("clinic_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "surgical_cases_number_unique" ON "surgical_cases" USING btree ("clinic_id","case_number");--> statement-breakpoint
CREATE UNIQUE INDEX "surgical_cases_one_live_per_plan" ON "surgical_cases" USING btree ("clinic_id","procedure_plan_id") WHERE "surgical_cases"."status" <> 'CANCELLED';--> statement-breakpoint
CREATE INDEX "surgical_cases_start_idx" ON "surgical_cases" USING btree ("clinic_id","scheduled_start","id");--> statement-breakpoint
CREATE INDEX "surgical_cases_room_idx" ON "surgical_cases" USING btree ("clinic_id","operating_room_id","scheduled_start");--> statement-breakpoint
CREATE INDEX "surgical_cases_surgeon_idx" ON "surgical_cases" USING btree ("clinic_id","surgeon_id","scheduled_start");--> statement-breakpoint
CREATE INDEX "surgical_cases_plan_idx" ON "surgical_cases" USING btree ("clinic_id","procedure_plan_id");--> statement-breakpoint
ALTER TABLE "inventory_units" ADD CONSTRAINT "inventory_units_case_fk" FOREIGN KEY ("clinic_id","surgical_case_id") REFERENCES "public"."surgical_cases"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_usages" ADD CONSTRAINT "inventory_usages_case_fk" FOREIGN KEY ("clinic_id","surgical_case_id") REFERENCES "public"."surgical_cases"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inventory_usages_case_idx" ON "inventory_usages" USING btree ("clinic_id","surgical_case_id","id");