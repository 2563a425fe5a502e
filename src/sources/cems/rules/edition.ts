/**
 * The names of the rules every CEMS result carries (docs/architecture.md, Conventions:
 * editions): the aggregation and validity rules of HJ 212-2017 Appendix D.2 and HJ 75
 * (docs/standards/ultra-low.md §2–§4), and the edition of the limits configuration.
 */

/** The rule edition of hours, corrections and validity. */
export const CEMS_RULE_EDITION = 'HJ212-2017-D.2+HJ75';
