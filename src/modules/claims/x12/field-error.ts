/**
 * One reason a claim may not leave the practice: `path` names the field of the input model
 * (`claims[0].lines[1].diagnosisPointers[0]`) or, for a check of the written text, the X12 element
 * (`x12.ISA13`), and `message` says what is wrong. The claims module turns a list of these into its
 * 422 `errors[]`, the shape zod failures already have.
 */
export interface FieldError {
  path: string;
  message: string;
}
