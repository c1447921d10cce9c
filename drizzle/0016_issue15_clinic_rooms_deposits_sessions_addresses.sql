CREATE TABLE "web_sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"clinic_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"generation" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "prepayments" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"quote_id" uuid NOT NULL,
	"procedure_plan_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"amount" numeric(12, 2) NOT NULL,
	"method" "payment_method" NOT NULL,
	"reference" text,
	"received_at" timestamp with time zone NOT NULL,
	"recorded_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prepayments_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "prepayments_amount_positive" CHECK ("prepayments"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "is_read" boolean GENERATED ALWAYS AS (action ~ '\.(read(-[a-z-]+)?|([a-z-]+-)?list)$') STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "bill_payments" ADD COLUMN "prepayment_id" uuid;--> statement-breakpoint
ALTER TABLE "bill_payments" ADD COLUMN "payment_plan_payment_id" uuid;--> statement-breakpoint
ALTER TABLE "bills" ADD COLUMN "refund_due" numeric(12, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "clinics" ADD COLUMN "address" jsonb;--> statement-breakpoint
ALTER TABLE "clinics" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "clinics" ADD COLUMN "time_zone" text DEFAULT 'America/New_York' NOT NULL;--> statement-breakpoint
ALTER TABLE "clinics" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "address" jsonb;--> statement-breakpoint
ALTER TABLE "operating_rooms" ADD COLUMN "opens_at" text DEFAULT '07:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "operating_rooms" ADD COLUMN "closes_at" text DEFAULT '19:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "surgical_cases" ADD COLUMN "start_reason" text;--> statement-breakpoint
ALTER TABLE "web_sessions" ADD CONSTRAINT "web_sessions_user_fk" FOREIGN KEY ("clinic_id","user_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prepayments" ADD CONSTRAINT "prepayments_quote_fk" FOREIGN KEY ("clinic_id","quote_id") REFERENCES "public"."quotes"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prepayments" ADD CONSTRAINT "prepayments_plan_fk" FOREIGN KEY ("clinic_id","procedure_plan_id") REFERENCES "public"."procedure_plans"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prepayments" ADD CONSTRAINT "prepayments_patient_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prepayments" ADD CONSTRAINT "prepayments_recorded_by_fk" FOREIGN KEY ("clinic_id","recorded_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "web_sessions_user_idx" ON "web_sessions" USING btree ("clinic_id","user_id");--> statement-breakpoint
CREATE INDEX "prepayments_quote_idx" ON "prepayments" USING btree ("clinic_id","quote_id","received_at","id");--> statement-breakpoint
ALTER TABLE "bill_payments" ADD CONSTRAINT "bill_payments_prepayment_fk" FOREIGN KEY ("clinic_id","prepayment_id") REFERENCES "public"."prepayments"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_payments" ADD CONSTRAINT "bill_payments_plan_payment_fk" FOREIGN KEY ("clinic_id","payment_plan_payment_id") REFERENCES "public"."payment_plan_payments"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_changes_idx" ON "audit_events" USING btree ("clinic_id","is_read","id");--> statement-breakpoint
CREATE UNIQUE INDEX "bill_payments_prepayment_once" ON "bill_payments" USING btree ("clinic_id","prepayment_id") WHERE "bill_payments"."prepayment_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "bill_payments_plan_payment_once" ON "bill_payments" USING btree ("clinic_id","payment_plan_payment_id") WHERE "bill_payments"."payment_plan_payment_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_refund_due_not_negative" CHECK ("bills"."refund_due" >= 0);--> statement-breakpoint
ALTER TABLE "operating_rooms" ADD CONSTRAINT "operating_rooms_opens_at_hhmm" CHECK ("operating_rooms"."opens_at" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');--> statement-breakpoint
ALTER TABLE "operating_rooms" ADD CONSTRAINT "operating_rooms_closes_at_hhmm" CHECK ("operating_rooms"."closes_at" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');--> statement-breakpoint
ALTER TABLE "operating_rooms" ADD CONSTRAINT "operating_rooms_closes_after_opens" CHECK ("operating_rooms"."closes_at" > "operating_rooms"."opens_at");--> statement-breakpoint
CREATE INDEX "bills_quote_idx" ON "bills" USING btree ("clinic_id","quote_id","issued_at");