-- No double booking (DESIGN.md §4, issue 6): two live cases (SCHEDULED or IN_PROGRESS) never
-- overlap in one operating room, nor for one surgeon. Half-open ranges: a case ending at 10:00
-- and the next starting at 10:00 do not overlap. The service checks first to name the
-- conflicting case; these constraints are what make two concurrent bookings unable to both win.
ALTER TABLE "surgical_cases" ADD CONSTRAINT "surgical_cases_room_no_overlap"
  EXCLUDE USING gist (
    "clinic_id" WITH =,
    "operating_room_id" WITH =,
    tstzrange("scheduled_start", "scheduled_end", '[)') WITH &&
  ) WHERE ("status" IN ('SCHEDULED', 'IN_PROGRESS'));
--> statement-breakpoint
ALTER TABLE "surgical_cases" ADD CONSTRAINT "surgical_cases_surgeon_no_overlap"
  EXCLUDE USING gist (
    "clinic_id" WITH =,
    "surgeon_id" WITH =,
    tstzrange("scheduled_start", "scheduled_end", '[)') WITH &&
  ) WHERE ("status" IN ('SCHEDULED', 'IN_PROGRESS'));
