import type { FdaChecklistSection } from '../repositories/fda-checklist.schema';

/**
 * Version 1 of every clinic's checklist (docs/fda-checklist.md): the topics of the Patient Decision
 * Checklist in the FDA's guidance "Breast Implants — Certain Labeling Recommendations to Improve
 * Patient Communication" (September 2020; sale restricted to its users from October 2021), each
 * summarised in plain language in our own words. It does not replace the manufacturer's patient
 * information for the implant used; the clinic's ADMIN edits it as a new version.
 */
export const DEFAULT_FDA_CHECKLIST_TITLE = 'Breast implants: Patient Decision Checklist';

export const DEFAULT_FDA_CHECKLIST_SECTIONS: readonly FdaChecklistSection[] = [
  {
    key: 'candidate',
    heading: 'Am I a candidate for breast implants?',
    body: 'Breast implants are not for me if I have an infection anywhere in my body, a cancer or pre-cancer of the breast that has not been fully treated, or if I am pregnant or breastfeeding. Conditions that slow healing (such as diabetes, smoking, an immune disorder, some medicines, or radiation to the chest) make problems more likely, and I have told my surgeon about any I have.',
  },
  {
    key: 'not-lifetime',
    heading: 'Implants do not last a lifetime',
    body: 'Breast implants are not lifetime devices. The longer I have them, the more likely a problem becomes, and many people need another operation to remove or replace them within about ten years. Future operations, imaging and their costs may be mine to bear.',
  },
  {
    key: 'surgery-risks',
    heading: 'Risks of breast implant surgery',
    body: 'Like any operation, this one can cause pain, bleeding, infection, poor healing and scarring. Implant-specific problems include hardening of the scar tissue around the implant (capsular contracture), a tear or leak in the implant, changes in nipple or breast feeling, uneven breasts, rippling, and the implant moving. Any of these may need more surgery, and the result may not be what I hoped for.',
  },
  {
    key: 'bia-alcl',
    heading: 'Risk of cancer: BIA-ALCL and other cancers',
    body: 'Breast implants are linked to a cancer of the immune system called breast implant-associated anaplastic large cell lymphoma (BIA-ALCL). It grows in the fluid or scar tissue around the implant, is more common with textured implants, and some people have died of it. Other cancers (squamous cell carcinoma and other lymphomas) have been reported in the scar tissue around implants. Swelling, a lump or pain in the breast, even years later, should be checked by a doctor.',
  },
  {
    key: 'systemic-symptoms',
    heading: 'Risk of whole-body (systemic) symptoms',
    body: 'Some people with breast implants report symptoms such as tiredness, trouble thinking or remembering, joint and muscle pain, rashes and hair loss, sometimes called breast implant illness. Why they happen is not known, and no test confirms them. Some people feel better after their implants are removed and not replaced; others do not.',
  },
  {
    key: 'rupture-monitoring',
    heading: 'Checking for a silent rupture',
    body: 'A silicone gel implant can tear without any sign I would notice. For silicone implants, an ultrasound or MRI is recommended five to six years after surgery and every two to three years after that, even when I feel well. A saline implant that leaks usually deflates visibly.',
  },
  {
    key: 'breastfeeding-imaging',
    heading: 'Breastfeeding and mammograms',
    body: 'Implant surgery may make breastfeeding harder. Implants can hide breast tissue on a mammogram, so I should tell the staff that I have implants: extra views are usually needed.',
  },
  {
    key: 'options',
    heading: 'My other options',
    body: 'I may choose not to have surgery. To add size or shape, options include padded bras or external forms and fat transfer. After a mastectomy, options include no reconstruction, an external prosthesis, reconstruction with my own tissue (a flap), or implants, now or later. My surgeon has explained the choices that fit me.',
  },
  {
    key: 'questions',
    heading: 'My questions and my implant',
    body: "I have had the chance to ask about my surgeon's training and experience, about the implant chosen for me (fill, surface, shape and size), and about the manufacturer's patient information for that implant, which I have received. After surgery I will receive a card with my implants' details, which I should keep.",
  },
];

export const DEFAULT_FDA_SURGEON_ATTESTATION =
  "I have discussed each item of this checklist with the patient, given the patient the manufacturer's patient information for the implant to be used, and answered the patient's questions.";
