ALTER TABLE "audit_events" ADD COLUMN "is_read" boolean GENERATED ALWAYS AS (action ~ '\.(read(-[a-z-]+)?|([a-z-]+-)?list)$') STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "address" jsonb;--> statement-breakpoint
CREATE INDEX "audit_events_changes_idx" ON "audit_events" USING btree ("clinic_id","is_read","id");