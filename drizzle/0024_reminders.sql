CREATE TYPE "public"."reminder_channel" AS ENUM('EMAIL', 'SMS');--> statement-breakpoint
CREATE TYPE "public"."reminder_status" AS ENUM('PENDING', 'SENDING', 'SENT', 'CANCELLED', 'SKIPPED', 'FAILED');--> statement-breakpoint
CREATE TABLE "appointment_reminders" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"channel" "reminder_channel" NOT NULL,
	"offset_minutes" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"appointment_start" timestamp with time zone NOT NULL,
	"status" "reminder_status" NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_reminders_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "appointment_reminders_offset" CHECK ("appointment_reminders"."offset_minutes" >= 0),
	CONSTRAINT "appointment_reminders_sent" CHECK (("appointment_reminders"."status" = 'SENT') = ("appointment_reminders"."sent_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "reminder_settings" (
	"clinic_id" uuid PRIMARY KEY NOT NULL,
	"offsets_minutes" integer[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appointment_reminders" ADD CONSTRAINT "appointment_reminders_appointment_fk" FOREIGN KEY ("clinic_id","appointment_id") REFERENCES "public"."appointments"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_settings" ADD CONSTRAINT "reminder_settings_clinic_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointment_reminders_appointment_idx" ON "appointment_reminders" USING btree ("clinic_id","appointment_id","due_at");