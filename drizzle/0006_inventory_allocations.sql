CREATE TYPE "public"."inventory_allocation_status" AS ENUM('ACTIVE', 'RELEASED', 'CONSUMED');--> statement-breakpoint
CREATE TABLE "inventory_allocations" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"requirement_id" uuid NOT NULL,
	"procedure_plan_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"unit_id" uuid,
	"quantity" integer NOT NULL,
	"status" "inventory_allocation_status" DEFAULT 'ACTIVE' NOT NULL,
	"allocated_by_id" uuid NOT NULL,
	"released_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_allocations_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "inventory_allocations_quantity_positive" CHECK ("inventory_allocations"."quantity" > 0)
);
--> statement-breakpoint
ALTER TABLE "inventory_allocations" ADD CONSTRAINT "inventory_allocations_requirement_fk" FOREIGN KEY ("clinic_id","requirement_id") REFERENCES "public"."procedure_inventory_requirements"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_allocations" ADD CONSTRAINT "inventory_allocations_plan_fk" FOREIGN KEY ("clinic_id","procedure_plan_id") REFERENCES "public"."procedure_plans"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_allocations" ADD CONSTRAINT "inventory_allocations_batch_fk" FOREIGN KEY ("clinic_id","batch_id") REFERENCES "public"."inventory_batches"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_allocations" ADD CONSTRAINT "inventory_allocations_unit_fk" FOREIGN KEY ("clinic_id","unit_id") REFERENCES "public"."inventory_units"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_allocations" ADD CONSTRAINT "inventory_allocations_item_fk" FOREIGN KEY ("clinic_id","item_id") REFERENCES "public"."inventory_items"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_allocations" ADD CONSTRAINT "inventory_allocations_by_fk" FOREIGN KEY ("clinic_id","allocated_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_allocations_one_active_per_unit" ON "inventory_allocations" USING btree ("clinic_id","unit_id") WHERE "inventory_allocations"."status" = 'ACTIVE' AND "inventory_allocations"."unit_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "inventory_allocations_requirement_idx" ON "inventory_allocations" USING btree ("clinic_id","requirement_id","status");--> statement-breakpoint
CREATE INDEX "inventory_allocations_plan_idx" ON "inventory_allocations" USING btree ("clinic_id","procedure_plan_id","status");