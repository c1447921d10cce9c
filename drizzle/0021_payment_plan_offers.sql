CREATE TYPE "public"."payment_plan_offer_status" AS ENUM('OFFERED', 'CHOSEN', 'WITHDRAWN');--> statement-breakpoint
CREATE TABLE "payment_plan_offers" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"quote_id" uuid NOT NULL,
	"deposit_amount" numeric(12, 2) NOT NULL,
	"installment_count" integer NOT NULL,
	"frequency" "payment_frequency" NOT NULL,
	"first_due_date" date NOT NULL,
	"status" "payment_plan_offer_status" DEFAULT 'OFFERED' NOT NULL,
	"created_by_id" uuid NOT NULL,
	"chosen_at" timestamp with time zone,
	"chosen_by_patient_link_id" uuid,
	"payment_plan_id" uuid,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_plan_offers_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "payment_plan_offers_installment_count_range" CHECK ("payment_plan_offers"."installment_count" BETWEEN 1 AND 60),
	CONSTRAINT "payment_plan_offers_deposit_non_negative" CHECK ("payment_plan_offers"."deposit_amount" >= 0),
	CONSTRAINT "payment_plan_offers_chosen_complete" CHECK (("payment_plan_offers"."status" = 'CHOSEN') = ("payment_plan_offers"."chosen_at" IS NOT NULL AND "payment_plan_offers"."chosen_by_patient_link_id" IS NOT NULL AND "payment_plan_offers"."payment_plan_id" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "payment_plans" ALTER COLUMN "created_by_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD COLUMN "created_by_patient_link_id" uuid;--> statement-breakpoint
ALTER TABLE "payment_plan_offers" ADD CONSTRAINT "payment_plan_offers_quote_fk" FOREIGN KEY ("clinic_id","quote_id") REFERENCES "public"."quotes"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plan_offers" ADD CONSTRAINT "payment_plan_offers_created_by_fk" FOREIGN KEY ("clinic_id","created_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plan_offers" ADD CONSTRAINT "payment_plan_offers_withdrawn_by_fk" FOREIGN KEY ("clinic_id","withdrawn_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plan_offers" ADD CONSTRAINT "payment_plan_offers_payment_plan_fk" FOREIGN KEY ("clinic_id","payment_plan_id") REFERENCES "public"."payment_plans"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_plan_offers_one_chosen_per_quote" ON "payment_plan_offers" USING btree ("clinic_id","quote_id") WHERE "payment_plan_offers"."status" = 'CHOSEN';--> statement-breakpoint
CREATE INDEX "payment_plan_offers_quote_idx" ON "payment_plan_offers" USING btree ("clinic_id","quote_id","id");--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_created_by_one" CHECK (num_nonnulls("payment_plans"."created_by_id", "payment_plans"."created_by_patient_link_id") = 1);