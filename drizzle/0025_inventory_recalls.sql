CREATE TYPE "public"."inventory_recall_contact_method" AS ENUM('PHONE', 'EMAIL', 'LETTER', 'IN_PERSON');--> statement-breakpoint
CREATE TYPE "public"."inventory_recall_status" AS ENUM('OPEN', 'CLOSED');--> statement-breakpoint
CREATE TABLE "inventory_recall_contacts" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"recall_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"method" "inventory_recall_contact_method" NOT NULL,
	"note" text,
	"contacted_at" timestamp with time zone NOT NULL,
	"contacted_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_recall_contacts_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "inventory_recalls" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" "inventory_recall_status" DEFAULT 'OPEN' NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"opened_by_id" uuid NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by_id" uuid,
	"close_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_recalls_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
ALTER TABLE "inventory_recall_contacts" ADD CONSTRAINT "inventory_recall_contacts_recall_fk" FOREIGN KEY ("clinic_id","recall_id") REFERENCES "public"."inventory_recalls"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_recall_contacts" ADD CONSTRAINT "inventory_recall_contacts_patient_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_recall_contacts" ADD CONSTRAINT "inventory_recall_contacts_by_fk" FOREIGN KEY ("clinic_id","contacted_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_recalls" ADD CONSTRAINT "inventory_recalls_batch_fk" FOREIGN KEY ("clinic_id","batch_id") REFERENCES "public"."inventory_batches"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_recalls" ADD CONSTRAINT "inventory_recalls_opened_by_fk" FOREIGN KEY ("clinic_id","opened_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_recalls" ADD CONSTRAINT "inventory_recalls_closed_by_fk" FOREIGN KEY ("clinic_id","closed_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_recall_contacts_once" ON "inventory_recall_contacts" USING btree ("clinic_id","recall_id","patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_recalls_one_open_per_batch" ON "inventory_recalls" USING btree ("clinic_id","batch_id") WHERE "inventory_recalls"."status" = 'OPEN';--> statement-breakpoint
CREATE INDEX "inventory_recalls_batch_idx" ON "inventory_recalls" USING btree ("clinic_id","batch_id","id");--> statement-breakpoint
CREATE INDEX "inventory_recalls_status_idx" ON "inventory_recalls" USING btree ("clinic_id","status","id");--> statement-breakpoint
CREATE INDEX "inventory_usages_used_at_idx" ON "inventory_usages" USING btree ("clinic_id","used_at");