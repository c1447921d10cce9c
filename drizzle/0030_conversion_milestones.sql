CREATE TABLE "consultation_milestones" (
	"clinic_id" uuid NOT NULL,
	"consultation_id" uuid NOT NULL,
	"surgeon_id" uuid NOT NULL,
	"consulted_at" timestamp with time zone NOT NULL,
	"planned_at" timestamp with time zone,
	"quoted_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"consult_to_plan_days" double precision GENERATED ALWAYS AS ((extract(epoch FROM planned_at - consulted_at) / 86400)::double precision) STORED,
	"plan_to_quote_days" double precision GENERATED ALWAYS AS ((extract(epoch FROM quoted_at - planned_at) / 86400)::double precision) STORED,
	"quote_to_approval_days" double precision GENERATED ALWAYS AS ((extract(epoch FROM approved_at - quoted_at) / 86400)::double precision) STORED,
	"approval_to_surgery_days" double precision GENERATED ALWAYS AS ((extract(epoch FROM completed_at - approved_at) / 86400)::double precision) STORED,
	"consult_to_surgery_days" double precision GENERATED ALWAYS AS ((extract(epoch FROM completed_at - consulted_at) / 86400)::double precision) STORED,
	CONSTRAINT "consultation_milestones_clinic_id_consultation_id_pk" PRIMARY KEY("clinic_id","consultation_id")
);
--> statement-breakpoint
ALTER TABLE "consultation_milestones" ADD CONSTRAINT "consultation_milestones_consultation_fk" FOREIGN KEY ("clinic_id","consultation_id") REFERENCES "public"."consultations"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_milestones_date_idx" ON "consultation_milestones" USING btree ("clinic_id","consulted_at");--> statement-breakpoint
CREATE INDEX "consultation_milestones_surgeon_idx" ON "consultation_milestones" USING btree ("clinic_id","surgeon_id","consulted_at");--> statement-breakpoint
-- Hand-written (docs/reports.md "Conversion"): the triggers that keep consultation_milestones,
-- and its backfill. A consultation's row is recomputed from its plans, their quotes and their
-- completed cases whenever one of those changes, so it always holds what the report's former
-- per-consultation query computed.
CREATE FUNCTION "consultation_milestones_refresh"(p_clinic uuid, p_consultation uuid)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_consultation IS NULL THEN
    RETURN;
  END IF;
  -- Writers of one consultation's steps take turns: the row's lock first, then the figures, read
  -- by a later statement (a new snapshot under READ COMMITTED) that sees what the transaction
  -- that held the lock committed.
  PERFORM 1 FROM "consultation_milestones"
    WHERE "clinic_id" = p_clinic AND "consultation_id" = p_consultation FOR UPDATE;
  UPDATE "consultation_milestones" m
     SET "planned_at" = f.planned_at, "quoted_at" = f.quoted_at,
         "approved_at" = f.approved_at, "completed_at" = f.completed_at
    FROM (
      SELECT min(p."created_at") AS planned_at, min(p."approved_at") AS approved_at,
        min((SELECT min(q."issued_at") FROM "quotes" q
              WHERE q."clinic_id" = p."clinic_id" AND q."procedure_plan_id" = p."id")) AS quoted_at,
        min((SELECT min(s."completed_at") FROM "surgical_cases" s
              WHERE s."clinic_id" = p."clinic_id" AND s."procedure_plan_id" = p."id"
                AND s."status" = 'COMPLETED')) AS completed_at
      FROM "procedure_plans" p
      WHERE p."clinic_id" = p_clinic AND p."consultation_id" = p_consultation
    ) f
   WHERE m."clinic_id" = p_clinic AND m."consultation_id" = p_consultation
     AND (m."planned_at", m."quoted_at", m."approved_at", m."completed_at")
         IS DISTINCT FROM (f.planned_at, f.quoted_at, f.approved_at, f.completed_at);
END $$;
--> statement-breakpoint
CREATE FUNCTION "consultations_milestones"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "consultation_milestones" ("clinic_id", "consultation_id", "surgeon_id", "consulted_at")
    VALUES (NEW."clinic_id", NEW."id", NEW."surgeon_id", NEW."consultation_date");
  ELSE
    UPDATE "consultation_milestones"
       SET "surgeon_id" = NEW."surgeon_id", "consulted_at" = NEW."consultation_date"
     WHERE "clinic_id" = NEW."clinic_id" AND "consultation_id" = NEW."id";
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "consultations_milestones"
  AFTER INSERT OR UPDATE OF "surgeon_id", "consultation_date"
  ON "consultations" FOR EACH ROW EXECUTE FUNCTION "consultations_milestones"();
--> statement-breakpoint
CREATE FUNCTION "procedure_plans_milestones"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM "consultation_milestones_refresh"(OLD."clinic_id", OLD."consultation_id");
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW."consultation_id" IS DISTINCT FROM OLD."consultation_id") THEN
    PERFORM "consultation_milestones_refresh"(NEW."clinic_id", NEW."consultation_id");
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "procedure_plans_milestones"
  AFTER INSERT OR DELETE OR UPDATE OF "consultation_id", "created_at", "approved_at"
  ON "procedure_plans" FOR EACH ROW EXECUTE FUNCTION "procedure_plans_milestones"();
--> statement-breakpoint
CREATE FUNCTION "quotes_milestones"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM "consultation_milestones_refresh"(p."clinic_id", p."consultation_id")
      FROM "procedure_plans" p WHERE p."clinic_id" = OLD."clinic_id" AND p."id" = OLD."procedure_plan_id";
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW."procedure_plan_id" IS DISTINCT FROM OLD."procedure_plan_id") THEN
    PERFORM "consultation_milestones_refresh"(p."clinic_id", p."consultation_id")
      FROM "procedure_plans" p WHERE p."clinic_id" = NEW."clinic_id" AND p."id" = NEW."procedure_plan_id";
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "quotes_milestones"
  AFTER INSERT OR DELETE OR UPDATE OF "procedure_plan_id", "issued_at"
  ON "quotes" FOR EACH ROW EXECUTE FUNCTION "quotes_milestones"();
--> statement-breakpoint
-- Only COMPLETED cases count: a case that is not completed before nor after the change is skipped.
CREATE FUNCTION "surgical_cases_milestones"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD."status" = 'COMPLETED' THEN
    PERFORM "consultation_milestones_refresh"(p."clinic_id", p."consultation_id")
      FROM "procedure_plans" p WHERE p."clinic_id" = OLD."clinic_id" AND p."id" = OLD."procedure_plan_id";
  END IF;
  IF TG_OP <> 'DELETE' AND NEW."status" = 'COMPLETED' AND (TG_OP = 'INSERT'
      OR OLD."status" <> 'COMPLETED' OR NEW."procedure_plan_id" IS DISTINCT FROM OLD."procedure_plan_id") THEN
    PERFORM "consultation_milestones_refresh"(p."clinic_id", p."consultation_id")
      FROM "procedure_plans" p WHERE p."clinic_id" = NEW."clinic_id" AND p."id" = NEW."procedure_plan_id";
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "surgical_cases_milestones"
  AFTER INSERT OR DELETE OR UPDATE OF "status", "completed_at", "procedure_plan_id"
  ON "surgical_cases" FOR EACH ROW EXECUTE FUNCTION "surgical_cases_milestones"();
--> statement-breakpoint
-- The consultations already recorded, with their steps so far (set-based, one pass over each table).
INSERT INTO "consultation_milestones"
  ("clinic_id", "consultation_id", "surgeon_id", "consulted_at", "planned_at", "quoted_at", "approved_at", "completed_at")
SELECT c."clinic_id", c."id", c."surgeon_id", c."consultation_date",
  f.planned_at, f.quoted_at, f.approved_at, f.completed_at
FROM "consultations" c
LEFT JOIN (
  SELECT p."clinic_id", p."consultation_id",
    min(p."created_at") AS planned_at, min(p."approved_at") AS approved_at,
    min(q.issued_at) AS quoted_at, min(s.completed_at) AS completed_at
  FROM "procedure_plans" p
  LEFT JOIN (
    SELECT "clinic_id", "procedure_plan_id", min("issued_at") AS issued_at
    FROM "quotes" GROUP BY "clinic_id", "procedure_plan_id"
  ) q ON q."clinic_id" = p."clinic_id" AND q."procedure_plan_id" = p."id"
  LEFT JOIN (
    SELECT "clinic_id", "procedure_plan_id", min("completed_at") AS completed_at
    FROM "surgical_cases" WHERE "status" = 'COMPLETED' GROUP BY "clinic_id", "procedure_plan_id"
  ) s ON s."clinic_id" = p."clinic_id" AND s."procedure_plan_id" = p."id"
  WHERE p."consultation_id" IS NOT NULL
  GROUP BY p."clinic_id", p."consultation_id"
) f ON f."clinic_id" = c."clinic_id" AND f."consultation_id" = c."id";
--> statement-breakpoint
-- Statistics now, not at autovacuum's next pass: without them the first reports plan for a few rows.
ANALYZE "consultation_milestones";
