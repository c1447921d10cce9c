CREATE TYPE "public"."fda_checklist_status" AS ENUM('PENDING', 'PATIENT_SIGNED', 'COMPLETED', 'VOIDED');--> statement-breakpoint
CREATE TYPE "public"."implant_kind" AS ENUM('BREAST');--> statement-breakpoint
CREATE TABLE "fda_checklist_templates" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"sections" jsonb NOT NULL,
	"surgeon_attestation" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fda_checklist_templates_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "fda_checklist_templates_version_positive" CHECK ("fda_checklist_templates"."version" >= 1),
	CONSTRAINT "fda_checklist_templates_sections_array" CHECK (jsonb_typeof("fda_checklist_templates"."sections") = 'array' AND jsonb_array_length("fda_checklist_templates"."sections") >= 1)
);
--> statement-breakpoint
CREATE TABLE "fda_checklists" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"procedure_plan_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"template_version" integer NOT NULL,
	"title" text NOT NULL,
	"sections" jsonb NOT NULL,
	"surgeon_attestation" text NOT NULL,
	"content_hash" text NOT NULL,
	"status" "fda_checklist_status" DEFAULT 'PENDING' NOT NULL,
	"initials" jsonb,
	"signer_name" text,
	"patient_signed_at" timestamp with time zone,
	"signer_ip_address" text,
	"signer_user_agent" text,
	"patient_link_id" uuid,
	"recorded_by_id" uuid,
	"attested_by_id" uuid,
	"attested_at" timestamp with time zone,
	"voided_at" timestamp with time zone,
	"void_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fda_checklists_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "fda_checklists_signed_complete" CHECK ("fda_checklists"."status" NOT IN ('PATIENT_SIGNED', 'COMPLETED') OR ("fda_checklists"."initials" IS NOT NULL AND "fda_checklists"."signer_name" IS NOT NULL AND "fda_checklists"."patient_signed_at" IS NOT NULL)),
	CONSTRAINT "fda_checklists_signed_through_one" CHECK (("fda_checklists"."patient_signed_at" IS NULL AND "fda_checklists"."patient_link_id" IS NULL AND "fda_checklists"."recorded_by_id" IS NULL) OR ("fda_checklists"."patient_signed_at" IS NOT NULL AND ("fda_checklists"."patient_link_id" IS NULL) <> ("fda_checklists"."recorded_by_id" IS NULL))),
	CONSTRAINT "fda_checklists_attested_complete" CHECK ("fda_checklists"."status" <> 'COMPLETED' OR ("fda_checklists"."attested_by_id" IS NOT NULL AND "fda_checklists"."attested_at" IS NOT NULL)),
	CONSTRAINT "fda_checklists_voided_complete" CHECK ("fda_checklists"."status" <> 'VOIDED' OR ("fda_checklists"."voided_at" IS NOT NULL AND "fda_checklists"."void_reason" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "inventory_items" ADD COLUMN "implant_kind" "implant_kind";--> statement-breakpoint
ALTER TABLE "fda_checklist_templates" ADD CONSTRAINT "fda_checklist_templates_clinic_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fda_checklist_templates" ADD CONSTRAINT "fda_checklist_templates_created_by_fk" FOREIGN KEY ("clinic_id","created_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fda_checklists" ADD CONSTRAINT "fda_checklists_patient_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fda_checklists" ADD CONSTRAINT "fda_checklists_plan_fk" FOREIGN KEY ("clinic_id","procedure_plan_id") REFERENCES "public"."procedure_plans"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fda_checklists" ADD CONSTRAINT "fda_checklists_template_fk" FOREIGN KEY ("clinic_id","template_id") REFERENCES "public"."fda_checklist_templates"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fda_checklists" ADD CONSTRAINT "fda_checklists_recorded_by_fk" FOREIGN KEY ("clinic_id","recorded_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fda_checklists" ADD CONSTRAINT "fda_checklists_attested_by_fk" FOREIGN KEY ("clinic_id","attested_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fda_checklist_templates_version_unique" ON "fda_checklist_templates" USING btree ("clinic_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "fda_checklists_plan_current_unique" ON "fda_checklists" USING btree ("clinic_id","procedure_plan_id") WHERE "fda_checklists"."status" <> 'VOIDED';--> statement-breakpoint
CREATE INDEX "fda_checklists_plan_idx" ON "fda_checklists" USING btree ("clinic_id","procedure_plan_id","id");--> statement-breakpoint
ALTER TABLE "inventory_items" ADD CONSTRAINT "inventory_items_implant_kind_implant" CHECK ("inventory_items"."implant_kind" IS NULL OR "inventory_items"."category" = 'IMPLANT');--> statement-breakpoint
-- Clinics created before the FDA checklist existed get version 1 too (docs/fda-checklist.md),
-- authored by the clinic's first administrator; the text is services/default-fda-checklist.ts's.
INSERT INTO "fda_checklist_templates" ("clinic_id", "id", "version", "title", "sections", "surgeon_attestation", "active", "created_by_id")
SELECT c."id", gen_random_uuid(), 1, 'Breast implants: Patient Decision Checklist',
'[
  {
    "key": "candidate",
    "heading": "Am I a candidate for breast implants?",
    "body": "Breast implants are not for me if I have an infection anywhere in my body, a cancer or pre-cancer of the breast that has not been fully treated, or if I am pregnant or breastfeeding. Conditions that slow healing (such as diabetes, smoking, an immune disorder, some medicines, or radiation to the chest) make problems more likely, and I have told my surgeon about any I have."
  },
  {
    "key": "not-lifetime",
    "heading": "Implants do not last a lifetime",
    "body": "Breast implants are not lifetime devices. The longer I have them, the more likely a problem becomes, and many people need another operation to remove or replace them within about ten years. Future operations, imaging and their costs may be mine to bear."
  },
  {
    "key": "surgery-risks",
    "heading": "Risks of breast implant surgery",
    "body": "Like any operation, this one can cause pain, bleeding, infection, poor healing and scarring. Implant-specific problems include hardening of the scar tissue around the implant (capsular contracture), a tear or leak in the implant, changes in nipple or breast feeling, uneven breasts, rippling, and the implant moving. Any of these may need more surgery, and the result may not be what I hoped for."
  },
  {
    "key": "bia-alcl",
    "heading": "Risk of cancer: BIA-ALCL and other cancers",
    "body": "Breast implants are linked to a cancer of the immune system called breast implant-associated anaplastic large cell lymphoma (BIA-ALCL). It grows in the fluid or scar tissue around the implant, is more common with textured implants, and some people have died of it. Other cancers (squamous cell carcinoma and other lymphomas) have been reported in the scar tissue around implants. Swelling, a lump or pain in the breast, even years later, should be checked by a doctor."
  },
  {
    "key": "systemic-symptoms",
    "heading": "Risk of whole-body (systemic) symptoms",
    "body": "Some people with breast implants report symptoms such as tiredness, trouble thinking or remembering, joint and muscle pain, rashes and hair loss, sometimes called breast implant illness. Why they happen is not known, and no test confirms them. Some people feel better after their implants are removed and not replaced; others do not."
  },
  {
    "key": "rupture-monitoring",
    "heading": "Checking for a silent rupture",
    "body": "A silicone gel implant can tear without any sign I would notice. For silicone implants, an ultrasound or MRI is recommended five to six years after surgery and every two to three years after that, even when I feel well. A saline implant that leaks usually deflates visibly."
  },
  {
    "key": "breastfeeding-imaging",
    "heading": "Breastfeeding and mammograms",
    "body": "Implant surgery may make breastfeeding harder. Implants can hide breast tissue on a mammogram, so I should tell the staff that I have implants: extra views are usually needed."
  },
  {
    "key": "options",
    "heading": "My other options",
    "body": "I may choose not to have surgery. To add size or shape, options include padded bras or external forms and fat transfer. After a mastectomy, options include no reconstruction, an external prosthesis, reconstruction with my own tissue (a flap), or implants, now or later. My surgeon has explained the choices that fit me."
  },
  {
    "key": "questions",
    "heading": "My questions and my implant",
    "body": "I have had the chance to ask about my surgeon''s training and experience, about the implant chosen for me (fill, surface, shape and size), and about the manufacturer''s patient information for that implant, which I have received. After surgery I will receive a card with my implants'' details, which I should keep."
  }
]'::jsonb,
'I have discussed each item of this checklist with the patient, given the patient the manufacturer''s patient information for the implant to be used, and answered the patient''s questions.', true, first_admin."id"
FROM "clinics" c
CROSS JOIN LATERAL (
  SELECT u."id" FROM "users" u
  WHERE u."clinic_id" = c."id" AND u."role" = 'ADMIN'
  ORDER BY u."created_at", u."id"
  LIMIT 1
) first_admin
WHERE NOT EXISTS (
  SELECT 1 FROM "fda_checklist_templates" t WHERE t."clinic_id" = c."id"
);