ALTER TABLE "operating_rooms" ADD COLUMN "opens_at" text DEFAULT '07:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "operating_rooms" ADD COLUMN "closes_at" text DEFAULT '19:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "operating_rooms" ADD CONSTRAINT "operating_rooms_opens_at_hhmm" CHECK ("operating_rooms"."opens_at" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');--> statement-breakpoint
ALTER TABLE "operating_rooms" ADD CONSTRAINT "operating_rooms_closes_at_hhmm" CHECK ("operating_rooms"."closes_at" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');--> statement-breakpoint
ALTER TABLE "operating_rooms" ADD CONSTRAINT "operating_rooms_closes_after_opens" CHECK ("operating_rooms"."closes_at" > "operating_rooms"."opens_at");