-- GET /inventory/units/:serialNumber ignores case (docs/inventory.md): the lookup compares
-- upper(serial_number), so the index holds that instead of the serial as stored.
-- GET /patients?search= by date of birth or phone number (docs/performance.md): each reads an
-- index that starts with the clinic and the value, in the name order of a page.
DROP INDEX "inventory_units_serial_idx";--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "phone_digits" text GENERATED ALWAYS AS (regexp_replace(phone, '[^0-9]', '', 'g')) STORED;--> statement-breakpoint
CREATE INDEX "patients_birth_date_idx" ON "patients" USING btree ("clinic_id","date_of_birth","last_name","first_name","id");--> statement-breakpoint
CREATE INDEX "patients_phone_digits_idx" ON "patients" USING btree ("clinic_id","phone_digits","last_name","first_name","id");--> statement-breakpoint
CREATE INDEX "inventory_units_serial_idx" ON "inventory_units" USING btree ("clinic_id",upper("serial_number"));