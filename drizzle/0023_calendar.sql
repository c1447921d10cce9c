CREATE TYPE "public"."booked_resource" AS ENUM('PROVIDER', 'ROOM');--> statement-breakpoint
CREATE TYPE "public"."booking_source" AS ENUM('SURGICAL_CASE', 'APPOINTMENT');--> statement-breakpoint
CREATE TYPE "public"."appointment_event_action" AS ENUM('PROPOSED', 'BOOKED', 'RESCHEDULED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED', 'NO_SHOW');--> statement-breakpoint
CREATE TYPE "public"."appointment_status" AS ENUM('PROPOSED', 'BOOKED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED', 'NO_SHOW');--> statement-breakpoint
CREATE TYPE "public"."appointment_type" AS ENUM('CONSULTATION', 'PRE_OP', 'POST_OP', 'FOLLOW_UP', 'PROCEDURE_IN_OFFICE');--> statement-breakpoint
CREATE TYPE "public"."schedule_exception_kind" AS ENUM('HOLIDAY', 'LEAVE', 'CLOSED');--> statement-breakpoint
CREATE TABLE "calendar_bookings" (
	"clinic_id" uuid NOT NULL,
	"source_kind" "booking_source" NOT NULL,
	"source_id" uuid NOT NULL,
	"resource_kind" "booked_resource" NOT NULL,
	"resource_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	CONSTRAINT "calendar_bookings_clinic_id_source_kind_source_id_resource_id_pk" PRIMARY KEY("clinic_id","source_kind","source_id","resource_id"),
	CONSTRAINT "calendar_bookings_end_after_start" CHECK ("calendar_bookings"."ends_at" > "calendar_bookings"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "appointment_events" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"action" "appointment_event_action" NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"provider_id" uuid NOT NULL,
	"exam_room_id" uuid,
	"reason" text,
	CONSTRAINT "appointment_events_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"type" "appointment_type" NOT NULL,
	"status" "appointment_status" NOT NULL,
	"provider_id" uuid NOT NULL,
	"exam_room_id" uuid,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"proposed_on" date,
	"post_op_day" integer,
	"notes" text,
	"consultation_id" uuid,
	"procedure_plan_id" uuid,
	"surgical_case_id" uuid,
	"created_by_id" uuid NOT NULL,
	"checked_in_at" timestamp with time zone,
	"checked_in_by_id" uuid,
	"completed_at" timestamp with time zone,
	"completed_by_id" uuid,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"no_show_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointments_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "appointments_times" CHECK (("appointments"."starts_at" IS NULL AND "appointments"."ends_at" IS NULL AND "appointments"."status" IN ('PROPOSED', 'CANCELLED'))
        OR ("appointments"."starts_at" IS NOT NULL AND "appointments"."ends_at" > "appointments"."starts_at")),
	CONSTRAINT "appointments_proposed_on" CHECK ("appointments"."status" <> 'PROPOSED' OR "appointments"."proposed_on" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "appointment_type_settings" (
	"clinic_id" uuid NOT NULL,
	"type" "appointment_type" NOT NULL,
	"default_minutes" integer NOT NULL,
	"what_to_bring" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_type_settings_clinic_id_type_pk" PRIMARY KEY("clinic_id","type"),
	CONSTRAINT "appointment_type_settings_minutes" CHECK ("appointment_type_settings"."default_minutes" BETWEEN 5 AND 480)
);
--> statement-breakpoint
CREATE TABLE "post_op_templates" (
	"clinic_id" uuid NOT NULL,
	"cpt_code" text NOT NULL,
	"offsets_days" integer[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "post_op_templates_clinic_id_cpt_code_pk" PRIMARY KEY("clinic_id","cpt_code")
);
--> statement-breakpoint
CREATE TABLE "exam_rooms" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exam_rooms_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "schedule_exceptions" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" "schedule_exception_kind" NOT NULL,
	"resource_kind" "booked_resource",
	"resource_id" uuid,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"start_time" text,
	"end_time" text,
	"reason" text,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedule_exceptions_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "schedule_exceptions_days" CHECK ("schedule_exceptions"."ends_on" >= "schedule_exceptions"."starts_on"),
	CONSTRAINT "schedule_exceptions_resource" CHECK (("schedule_exceptions"."resource_kind" IS NULL) = ("schedule_exceptions"."resource_id" IS NULL)),
	CONSTRAINT "schedule_exceptions_times" CHECK (("schedule_exceptions"."start_time" IS NULL AND "schedule_exceptions"."end_time" IS NULL) OR ("schedule_exceptions"."end_time" > "schedule_exceptions"."start_time"))
);
--> statement-breakpoint
CREATE TABLE "working_hours" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"resource_kind" "booked_resource" NOT NULL,
	"resource_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"starts_at" text NOT NULL,
	"ends_at" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "working_hours_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "working_hours_weekday" CHECK ("working_hours"."weekday" BETWEEN 1 AND 7),
	CONSTRAINT "working_hours_starts_at_hhmm" CHECK (starts_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
	CONSTRAINT "working_hours_ends_at_hhmm" CHECK (ends_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
	CONSTRAINT "working_hours_end_after_start" CHECK ("working_hours"."ends_at" > "working_hours"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "appointment_events" ADD CONSTRAINT "appointment_events_appointment_fk" FOREIGN KEY ("clinic_id","appointment_id") REFERENCES "public"."appointments"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_events" ADD CONSTRAINT "appointment_events_actor_fk" FOREIGN KEY ("clinic_id","actor_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_patient_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_provider_fk" FOREIGN KEY ("clinic_id","provider_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_exam_room_fk" FOREIGN KEY ("clinic_id","exam_room_id") REFERENCES "public"."exam_rooms"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_consultation_fk" FOREIGN KEY ("clinic_id","consultation_id") REFERENCES "public"."consultations"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_plan_fk" FOREIGN KEY ("clinic_id","procedure_plan_id") REFERENCES "public"."procedure_plans"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_case_fk" FOREIGN KEY ("clinic_id","surgical_case_id") REFERENCES "public"."surgical_cases"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_created_by_fk" FOREIGN KEY ("clinic_id","created_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_checked_in_by_fk" FOREIGN KEY ("clinic_id","checked_in_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_completed_by_fk" FOREIGN KEY ("clinic_id","completed_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_exceptions" ADD CONSTRAINT "schedule_exceptions_created_by_fk" FOREIGN KEY ("clinic_id","created_by_id") REFERENCES "public"."users"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calendar_bookings_resource_idx" ON "calendar_bookings" USING btree ("clinic_id","resource_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointment_events_appointment_idx" ON "appointment_events" USING btree ("clinic_id","appointment_id","at");--> statement-breakpoint
CREATE INDEX "appointments_start_idx" ON "appointments" USING btree ("clinic_id","starts_at","id");--> statement-breakpoint
CREATE INDEX "appointments_provider_idx" ON "appointments" USING btree ("clinic_id","provider_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_room_idx" ON "appointments" USING btree ("clinic_id","exam_room_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_patient_idx" ON "appointments" USING btree ("clinic_id","patient_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_case_idx" ON "appointments" USING btree ("clinic_id","surgical_case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_rooms_name_unique" ON "exam_rooms" USING btree ("clinic_id",lower("name"));--> statement-breakpoint
CREATE INDEX "schedule_exceptions_days_idx" ON "schedule_exceptions" USING btree ("clinic_id","starts_on","ends_on");--> statement-breakpoint
CREATE INDEX "working_hours_resource_idx" ON "working_hours" USING btree ("clinic_id","resource_id","weekday");--> statement-breakpoint
-- One booking table (docs/calendar.md): every live surgical case and every BOOKED or CHECKED_IN
-- appointment holds its provider's and its room's time here, written by the triggers below so no
-- code path can forget it; the exclusion constraint refuses two holds of one resource whose
-- half-open times meet, across both tables. A concurrent second booking waits on the first's
-- index entry and fails once it commits.
ALTER TABLE "calendar_bookings" ADD CONSTRAINT "calendar_bookings_no_overlap"
  EXCLUDE USING gist (
    "clinic_id" WITH =,
    "resource_id" WITH =,
    tstzrange("starts_at", "ends_at", '[)') WITH &&
  );
--> statement-breakpoint
CREATE FUNCTION "surgical_cases_hold_time"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM "calendar_bookings"
      WHERE "clinic_id" = OLD."clinic_id" AND "source_kind" = 'SURGICAL_CASE' AND "source_id" = OLD."id";
  END IF;
  IF TG_OP <> 'DELETE' AND NEW."status" IN ('SCHEDULED', 'IN_PROGRESS') THEN
    INSERT INTO "calendar_bookings"
      ("clinic_id", "source_kind", "source_id", "resource_kind", "resource_id", "starts_at", "ends_at")
    VALUES
      (NEW."clinic_id", 'SURGICAL_CASE', NEW."id", 'PROVIDER', NEW."surgeon_id", NEW."scheduled_start", NEW."scheduled_end"),
      (NEW."clinic_id", 'SURGICAL_CASE', NEW."id", 'ROOM', NEW."operating_room_id", NEW."scheduled_start", NEW."scheduled_end");
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "surgical_cases_hold_time"
  AFTER INSERT OR DELETE OR UPDATE OF "status", "surgeon_id", "operating_room_id", "scheduled_start", "scheduled_end"
  ON "surgical_cases" FOR EACH ROW EXECUTE FUNCTION "surgical_cases_hold_time"();
--> statement-breakpoint
CREATE FUNCTION "appointments_hold_time"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM "calendar_bookings"
      WHERE "clinic_id" = OLD."clinic_id" AND "source_kind" = 'APPOINTMENT' AND "source_id" = OLD."id";
  END IF;
  IF TG_OP <> 'DELETE' AND NEW."status" IN ('BOOKED', 'CHECKED_IN') THEN
    INSERT INTO "calendar_bookings"
      ("clinic_id", "source_kind", "source_id", "resource_kind", "resource_id", "starts_at", "ends_at")
    VALUES (NEW."clinic_id", 'APPOINTMENT', NEW."id", 'PROVIDER', NEW."provider_id", NEW."starts_at", NEW."ends_at");
    IF NEW."exam_room_id" IS NOT NULL THEN
      INSERT INTO "calendar_bookings"
        ("clinic_id", "source_kind", "source_id", "resource_kind", "resource_id", "starts_at", "ends_at")
      VALUES (NEW."clinic_id", 'APPOINTMENT', NEW."id", 'ROOM', NEW."exam_room_id", NEW."starts_at", NEW."ends_at");
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "appointments_hold_time"
  AFTER INSERT OR DELETE OR UPDATE OF "status", "provider_id", "exam_room_id", "starts_at", "ends_at"
  ON "appointments" FOR EACH ROW EXECUTE FUNCTION "appointments_hold_time"();
--> statement-breakpoint
-- The cases already booked hold their time from now on.
INSERT INTO "calendar_bookings"
  ("clinic_id", "source_kind", "source_id", "resource_kind", "resource_id", "starts_at", "ends_at")
SELECT "clinic_id", 'SURGICAL_CASE'::booking_source, "id", 'PROVIDER'::booked_resource, "surgeon_id", "scheduled_start", "scheduled_end"
  FROM "surgical_cases" WHERE "status" IN ('SCHEDULED', 'IN_PROGRESS')
UNION ALL
SELECT "clinic_id", 'SURGICAL_CASE'::booking_source, "id", 'ROOM'::booked_resource, "operating_room_id", "scheduled_start", "scheduled_end"
  FROM "surgical_cases" WHERE "status" IN ('SCHEDULED', 'IN_PROGRESS');
