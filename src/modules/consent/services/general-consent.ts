/**
 * The clinic's general surgical consent (docs/consents.md "The general surgical consent"): the
 * template a plan's consent comes from when no procedure-specific template covers its codes, so
 * no surgical plan is ever without a consent to sign. Every new clinic gets version 1 of this
 * text; migration 0014 gave it to the clinics that existed before. Its code is fixed, and it has
 * no CPT codes: it is found by its code, never by the matching rule.
 */
export const GENERAL_CONSENT_CODE = 'GENERAL_SURGICAL_CONSENT';

export const GENERAL_CONSENT_TITLE = 'General consent to surgery and anesthesia';

// Migration 0014 holds a copy of this text: change both together (test/consents.test.ts checks).
export const GENERAL_CONSENT_BODY = [
  'I consent to the surgical procedure described in my procedure plan, to be performed by my surgeon and the surgical team assisting them.',
  'My surgeon has explained the procedure, what it is expected to achieve, and that no particular result can be guaranteed.',
  'Risks: I understand that every surgery carries risks, including bleeding, infection, scarring, asymmetry, poor wound healing, changes in sensation, blood clots, reactions to medicines or materials, the need for further surgery, and, rarely, death.',
  'Alternatives: I have been told of the alternatives to this procedure, including not having surgery, and have had the chance to ask questions about them.',
  'Anesthesia: I consent to the anesthesia my care team considers appropriate. Its risks have been explained to me, including nausea, sore throat, allergic reactions and, rarely, heart, lung or brain injury.',
  'During the procedure, if an unforeseen condition requires it, I consent to additional procedures my surgeon judges necessary for my safety.',
  'This consent does not cover medical photography or the use of my images: that needs a separate consent.',
  'I may withdraw this consent at any time before the procedure begins.',
].join('\n\n');
