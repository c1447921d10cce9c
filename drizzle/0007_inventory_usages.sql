CREATE TABLE "inventory_usages" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"procedure_plan_id" uuid NOT NULL,
	"surgical_case_id" uuid,
	"patient_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"unit_id" uuid,
	"serial_number" text,
	"quantity" integer NOT NULL,
	"allocation_id" uuid,
	"recorded_by_id" uuid NOT NULL,
	"used_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_usages_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "inventory_usages_quantity_positive" CHECK ("inventory_usages"."quantity" > 0)
);
--> statement-breakpoint
ALTER TABLE "inventory_usages" ADD CONSTRAINT "inventory_usages_plan_fk" FOREIGN KEY ("clinic_id","procedure_plan_id") REFERENCES "public"."procedure_plans"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_usages" ADD CONSTRAINT "inventory_usages_patient_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_usages" ADD CONSTRAINT "inventory_usages_item_fk" FOREIGN KEY ("clinic_id","item_id") REFERENCES "public"."inventory_items"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_usages" ADD CONSTRAINT "inventory_usages_batch_fk" FOREIGN KEY ("clinic_id","batch_id") REFERENCES "public"."inventory_batches"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_usages" ADD CONSTRAINT "inventory_usages_unit_fk" FOREIGN KEY ("clinic_id","unit_id") REFERENCES "public"."inventory_units"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_usages" ADD CONSTRAINT "inventory_usages_allocation_fk" FOREIGN KEY ("clinic_id","allocation_id") REFERENCES "public"."inventory_allocations"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_usages" ADD CONSTRAINT "inventory_usages_recorded_by_fk" FOREIGN KEY ("clinic_id","recorded_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inventory_usages_batch_idx" ON "inventory_usages" USING btree ("clinic_id","batch_id","id");--> statement-breakpoint
CREATE INDEX "inventory_usages_patient_idx" ON "inventory_usages" USING btree ("clinic_id","patient_id","id");--> statement-breakpoint
CREATE INDEX "inventory_usages_plan_idx" ON "inventory_usages" USING btree ("clinic_id","procedure_plan_id","id");--> statement-breakpoint
ALTER TABLE "inventory_units" ADD CONSTRAINT "inventory_units_plan_fk" FOREIGN KEY ("clinic_id","procedure_plan_id") REFERENCES "public"."procedure_plans"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_units" ADD CONSTRAINT "inventory_units_patient_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;