-- Indexes for the lists test/query-plans.test.ts found narrowed by clinic_id only (issue 7,
-- docs/performance.md "Every list is served by an index"), and a calendar window's other bound.
CREATE INDEX "audit_events_entity_id_idx" ON "audit_events" USING btree ("clinic_id","entity_id","id");--> statement-breakpoint
CREATE INDEX "audit_events_action_idx" ON "audit_events" USING btree ("clinic_id","action","id");--> statement-breakpoint
CREATE INDEX "audit_events_occurred_idx" ON "audit_events" USING btree ("clinic_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "inventory_allocations_status_idx" ON "inventory_allocations" USING btree ("clinic_id","status","id");--> statement-breakpoint
CREATE INDEX "prior_authorizations_status_idx" ON "prior_authorizations" USING btree ("clinic_id","status","id");--> statement-breakpoint
CREATE INDEX "surgical_cases_end_idx" ON "surgical_cases" USING btree ("clinic_id","scheduled_end");--> statement-breakpoint
CREATE INDEX "surgical_cases_status_idx" ON "surgical_cases" USING btree ("clinic_id","status","scheduled_start","id");