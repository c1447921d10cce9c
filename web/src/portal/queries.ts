/** The portal's cache keys: everything starts with 'portal', so a write refreshes it all at once. */
export const OVERVIEW_KEY = ['portal', 'overview'] as const;
export const QUOTE_KEY = ['portal', 'quote'] as const;
export const CONSENT_KEY = ['portal', 'consent'] as const;
export const CHECKLIST_KEY = ['portal', 'fda-checklist'] as const;
export const PAYMENT_PLANS_KEY = ['portal', 'payment-plans'] as const;
export const IMPLANT_CARDS_KEY = ['portal', 'implant-cards'] as const;
