-- GET /inventory/units/:serialNumber ignores case (docs/inventory.md): the lookup compares
-- upper(serial_number), so the index holds that instead of the serial as stored.
DROP INDEX "inventory_units_serial_idx";--> statement-breakpoint
CREATE INDEX "inventory_units_serial_idx" ON "inventory_units" USING btree ("clinic_id",upper("serial_number"));