DROP INDEX "quotes_issued_idx";--> statement-breakpoint
-- drizzle-kit generated `ADD COLUMN "procedure_code" text NOT NULL` before the index, which fails on
-- a table that has quotes: the column is added nullable, filled from each quote's plan, made
-- NOT NULL, and only then is the index built (once, over the filled column).
ALTER TABLE "quotes" ADD COLUMN "procedure_code" text;--> statement-breakpoint
-- Hand-written: a quote's procedure code is its plan's primary CPT code when it was issued. A plan
-- edited after its quote was issued superseded that quote, and the code it was issued under is not
-- kept anywhere: such a quote gets the plan's present code (what the quotes report counted it under
-- until now, so the report's figures do not change).
UPDATE "quotes" q SET "procedure_code" = p."primary_cpt_code"
  FROM "procedure_plans" p
  WHERE p."clinic_id" = q."clinic_id" AND p."id" = q."procedure_plan_id";--> statement-breakpoint
ALTER TABLE "quotes" ALTER COLUMN "procedure_code" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "quotes_issued_idx" ON "quotes" USING btree ("clinic_id","issued_at","procedure_code","status","valid_until","total","procedure_name");
