// The public file of the quote module: other modules import from here only (docs/architecture.md
// "Module boundaries"; eslint.config.mjs). Table definitions (`repositories/*.schema.ts`) are
// imported directly, for foreign keys and joins.
export * from './dto/quote.dto';
export * from './quote.module';
export * from './services/printed-lines';
export * from './services/quote-lines';
export * from './services/quote-pdf.service';
export * from './services/quote-queries';
export * from './services/quote.mapper';
export * from './services/quote.service';
export { liveQuoteIdOfPlan } from './repositories/quote.repository';
