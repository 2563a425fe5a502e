/**
 * Pollutant codes of HJ 212 (pure). HJ/T 212-2005 devices send the old codes of HJ 212-2017
 * Table B.2 column "2005 code" (docs/standards/hj212.md §1.10); Lantian stores the 2017 codes.
 */

/** 2005 code → 2017 code for the air and flue-gas items of HJ 212-2017 Table B.2. */
export const CODES_2005: Readonly<Record<string, string>> = {
  '01': 'a34013', // flue dust 烟尘
  '02': 'a21026', // SO2
  '03': 'a21002', // NOx
  '04': 'a21005', // CO
  '10': 'a21001', // NH3
  '17': 'a25003', // toluene
  '18': 'a25005', // xylene
  '25': 'a24087', // total hydrocarbons
  S01: 'a19001', // O2
  S02: 'a01011', // flue-gas velocity
  S03: 'a01012', // flue-gas temperature
  S04: 'a01017', // flue-gas dynamic pressure
  S05: 'a01014', // flue-gas humidity
  S07: 'a01016', // duct cross-section
  S08: 'a01013', // flue-gas pressure
  B02: 'a00000', // flue-gas flow
};

/**
 * Stored pollutant name (src/air/pollutant-names.ts) → HJ 212-2017 code (Table B.2; O3 a05024
 * per HJ 524, docs/standards/hj212.md §1.10).
 */
export const CODE_OF_POLLUTANT: Readonly<Record<string, string>> = {
  SO2: 'a21026',
  NO2: 'a21004',
  NO: 'a21003',
  NOx: 'a21002',
  CO: 'a21005',
  O3: 'a05024',
  PM10: 'a34002',
  'PM2.5': 'a34004',
  TSP: 'a34001',
  PM1: 'a34005',
};
