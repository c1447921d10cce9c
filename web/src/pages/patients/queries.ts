/** Page size of the lists on the patient page: one page covers nearly every patient. */
export const SECTION_PAGE = 50;
