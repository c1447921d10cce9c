ALTER TABLE "consent_templates" DROP CONSTRAINT "consent_templates_cpt_codes_present";--> statement-breakpoint
ALTER TABLE "consent_templates" ADD CONSTRAINT "consent_templates_cpt_codes_present" CHECK (("consent_templates"."code" = 'GENERAL_SURGICAL_CONSENT') = (cardinality("consent_templates"."cpt_codes") = 0));--> statement-breakpoint
-- Clinics created before the general surgical consent existed get it too (docs/consents.md), so
-- an upgraded practice never has a plan without a consent to sign. Its author is the clinic's
-- first administrator; a clinic that already has the code keeps what it has.
INSERT INTO "consent_templates" ("clinic_id", "id", "code", "version", "title", "body", "cpt_codes", "active", "created_by_id")
SELECT c."id", gen_random_uuid(), 'GENERAL_SURGICAL_CONSENT', 1, 'General consent to surgery and anesthesia',
'I consent to the surgical procedure described in my procedure plan, to be performed by my surgeon and the surgical team assisting them.

My surgeon has explained the procedure, what it is expected to achieve, and that no particular result can be guaranteed.

Risks: I understand that every surgery carries risks, including bleeding, infection, scarring, asymmetry, poor wound healing, changes in sensation, blood clots, reactions to medicines or materials, the need for further surgery, and, rarely, death.

Alternatives: I have been told of the alternatives to this procedure, including not having surgery, and have had the chance to ask questions about them.

Anesthesia: I consent to the anesthesia my care team considers appropriate. Its risks have been explained to me, including nausea, sore throat, allergic reactions and, rarely, heart, lung or brain injury.

During the procedure, if an unforeseen condition requires it, I consent to additional procedures my surgeon judges necessary for my safety.

This consent does not cover medical photography or the use of my images: that needs a separate consent.

I may withdraw this consent at any time before the procedure begins.',
'{}', true, first_admin."id"
FROM "clinics" c
CROSS JOIN LATERAL (
  SELECT u."id" FROM "users" u
  WHERE u."clinic_id" = c."id" AND u."role" = 'ADMIN'
  ORDER BY u."created_at", u."id"
  LIMIT 1
) first_admin
WHERE NOT EXISTS (
  SELECT 1 FROM "consent_templates" t
  WHERE t."clinic_id" = c."id" AND t."code" = 'GENERAL_SURGICAL_CONSENT'
);
