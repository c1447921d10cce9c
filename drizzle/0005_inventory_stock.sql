CREATE TYPE "public"."inventory_adjustment_reason" AS ENUM('COUNT_CORRECTION', 'DAMAGE', 'EXPIRY_WRITE_OFF', 'OTHER');--> statement-breakpoint
CREATE TYPE "public"."inventory_unit_status" AS ENUM('AVAILABLE', 'RESERVED', 'CONSUMED', 'REMOVED');--> statement-breakpoint
CREATE TABLE "inventory_adjustments" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"quantity_delta" integer NOT NULL,
	"reason" "inventory_adjustment_reason" NOT NULL,
	"note" text,
	"serial_numbers" text[] DEFAULT '{}'::text[] NOT NULL,
	"adjusted_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_adjustments_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "inventory_adjustments_delta_not_zero" CHECK ("inventory_adjustments"."quantity_delta" <> 0)
);
--> statement-breakpoint
CREATE TABLE "inventory_batches" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"batch_number" text NOT NULL,
	"expires_at" date,
	"on_hand" integer DEFAULT 0 NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"received_by_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_batches_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "inventory_batches_on_hand_not_negative" CHECK ("inventory_batches"."on_hand" >= 0),
	CONSTRAINT "inventory_batches_reserved_not_negative" CHECK ("inventory_batches"."reserved" >= 0),
	CONSTRAINT "inventory_batches_reserved_within_on_hand" CHECK ("inventory_batches"."reserved" <= "inventory_batches"."on_hand")
);
--> statement-breakpoint
CREATE TABLE "inventory_units" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"serial_number" text NOT NULL,
	"status" "inventory_unit_status" DEFAULT 'AVAILABLE' NOT NULL,
	"procedure_plan_id" uuid,
	"surgical_case_id" uuid,
	"patient_id" uuid,
	"consumed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_units_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
ALTER TABLE "inventory_adjustments" ADD CONSTRAINT "inventory_adjustments_batch_fk" FOREIGN KEY ("clinic_id","batch_id") REFERENCES "public"."inventory_batches"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_adjustments" ADD CONSTRAINT "inventory_adjustments_by_fk" FOREIGN KEY ("clinic_id","adjusted_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_batches" ADD CONSTRAINT "inventory_batches_item_fk" FOREIGN KEY ("clinic_id","item_id") REFERENCES "public"."inventory_items"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_batches" ADD CONSTRAINT "inventory_batches_received_by_fk" FOREIGN KEY ("clinic_id","received_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_units" ADD CONSTRAINT "inventory_units_item_fk" FOREIGN KEY ("clinic_id","item_id") REFERENCES "public"."inventory_items"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_units" ADD CONSTRAINT "inventory_units_batch_fk" FOREIGN KEY ("clinic_id","batch_id") REFERENCES "public"."inventory_batches"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inventory_adjustments_batch_idx" ON "inventory_adjustments" USING btree ("clinic_id","batch_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_batches_number_unique" ON "inventory_batches" USING btree ("clinic_id","item_id","batch_number");--> statement-breakpoint
CREATE INDEX "inventory_batches_expiry_idx" ON "inventory_batches" USING btree ("clinic_id","expires_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_units_serial_unique" ON "inventory_units" USING btree ("clinic_id","item_id","serial_number");--> statement-breakpoint
CREATE INDEX "inventory_units_serial_idx" ON "inventory_units" USING btree ("clinic_id","serial_number");--> statement-breakpoint
CREATE INDEX "inventory_units_batch_idx" ON "inventory_units" USING btree ("clinic_id","batch_id","status");