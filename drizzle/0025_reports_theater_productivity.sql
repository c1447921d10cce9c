CREATE INDEX "bill_payments_received_idx" ON "bill_payments" USING btree ("clinic_id","received_at");--> statement-breakpoint
CREATE INDEX "bills_issued_idx" ON "bills" USING btree ("clinic_id","issued_at");--> statement-breakpoint
CREATE INDEX "surgical_cases_completed_idx" ON "surgical_cases" USING btree ("clinic_id","completed_at");