/**
 * Place names that GeoNames' cities file does not carry: first-level divisions of the
 * countries whose states appear most in English news (their GeoNames admin1 codes, with
 * postal and AP-style abbreviations), world regions, and buildings or streets that stand
 * for a seat of power ("the Kremlin" → Moscow).
 */

/** `${country}.${admin1}` → [name, alternates…]; coordinates are computed at build time. */
export const ADMIN1_NAMES: Record<string, string[]> = {
  'US.AL': ['Alabama', 'Ala.'], 'US.AK': ['Alaska'], 'US.AZ': ['Arizona', 'Ariz.'],
  'US.AR': ['Arkansas', 'Ark.'], 'US.CA': ['California', 'Calif.', 'Cal.'],
  'US.CO': ['Colorado', 'Colo.'], 'US.CT': ['Connecticut', 'Conn.'], 'US.DE': ['Delaware', 'Del.'],
  'US.DC': ['District of Columbia', 'D.C.'], 'US.FL': ['Florida', 'Fla.'], 'US.GA': ['Georgia', 'Ga.'],
  'US.HI': ['Hawaii'], 'US.ID': ['Idaho'], 'US.IL': ['Illinois', 'Ill.'], 'US.IN': ['Indiana', 'Ind.'],
  'US.IA': ['Iowa'], 'US.KS': ['Kansas', 'Kan.', 'Kans.'], 'US.KY': ['Kentucky', 'Ky.'],
  'US.LA': ['Louisiana'], // not "La.", which folds like "L.A." 'US.ME': ['Maine'], 'US.MD': ['Maryland', 'Md.'],
  'US.MA': ['Massachusetts', 'Mass.'], 'US.MI': ['Michigan', 'Mich.'], 'US.MN': ['Minnesota', 'Minn.'],
  'US.MS': ['Mississippi', 'Miss.'], 'US.MO': ['Missouri', 'Mo.'], 'US.MT': ['Montana', 'Mont.'],
  'US.NE': ['Nebraska', 'Neb.', 'Nebr.'], 'US.NV': ['Nevada', 'Nev.'], 'US.NH': ['New Hampshire', 'N.H.'],
  'US.NJ': ['New Jersey', 'N.J.'], 'US.NM': ['New Mexico', 'N.M.'], 'US.NY': ['New York State', 'N.Y.'],
  'US.NC': ['North Carolina', 'N.C.'], 'US.ND': ['North Dakota', 'N.D.'], 'US.OH': ['Ohio'],
  'US.OK': ['Oklahoma', 'Okla.'], 'US.OR': ['Oregon', 'Ore.'], 'US.PA': ['Pennsylvania', 'Pa.'],
  'US.RI': ['Rhode Island', 'R.I.'], 'US.SC': ['South Carolina', 'S.C.'], 'US.SD': ['South Dakota', 'S.D.'],
  'US.TN': ['Tennessee', 'Tenn.'], 'US.TX': ['Texas', 'Tex.'], 'US.UT': ['Utah'], 'US.VT': ['Vermont', 'Vt.'],
  'US.VA': ['Virginia', 'Va.'], 'US.WA': ['Washington State', 'Wash.'], 'US.WV': ['West Virginia', 'W.Va.'],
  'US.WI': ['Wisconsin', 'Wis.'], 'US.WY': ['Wyoming', 'Wyo.'],
  'CA.01': ['Alberta', 'Alta.'], 'CA.02': ['British Columbia', 'B.C.'], 'CA.03': ['Manitoba', 'Man.'],
  'CA.04': ['New Brunswick', 'N.B.'], 'CA.05': ['Newfoundland and Labrador', 'Newfoundland'],
  'CA.07': ['Nova Scotia', 'N.S.'], 'CA.08': ['Ontario', 'Ont.'], 'CA.09': ['Prince Edward Island'],
  'CA.10': ['Quebec', 'Québec', 'Que.'], 'CA.11': ['Saskatchewan', 'Sask.'], 'CA.12': ['Yukon'],
  'CA.13': ['Northwest Territories'], 'CA.14': ['Nunavut'],
  'AU.01': ['Australian Capital Territory'], 'AU.02': ['New South Wales'], 'AU.03': ['Northern Territory'],
  'AU.04': ['Queensland'], 'AU.05': ['South Australia'], 'AU.06': ['Tasmania'], 'AU.07': ['Victoria'],
  'AU.08': ['Western Australia'],
};

export interface RegionEntry {
  name: string;
  aliases: string[];
  lat: number;
  lon: number;
  /** ISO country code when the region lies in one country. */
  country: string | null;
}

/** Continents and regions named in news, at rough geographic centres. */
export const WORLD_REGIONS: RegionEntry[] = [
  { name: 'Europe', aliases: [], lat: 54.5, lon: 15.3, country: null },
  { name: 'Asia', aliases: [], lat: 34.0, lon: 100.6, country: null },
  { name: 'Africa', aliases: [], lat: 1.7, lon: 17.3, country: null },
  { name: 'North America', aliases: [], lat: 54.5, lon: -105.3, country: null },
  { name: 'South America', aliases: [], lat: -8.8, lon: -55.5, country: null },
  { name: 'Latin America', aliases: [], lat: -4.4, lon: -61.3, country: null },
  { name: 'Central America', aliases: [], lat: 12.8, lon: -85.6, country: null },
  { name: 'Oceania', aliases: [], lat: -22.7, lon: 140.0, country: null },
  { name: 'Antarctica', aliases: [], lat: -82.9, lon: 135.0, country: null },
  { name: 'Middle East', aliases: ['Mideast', 'the Middle East'], lat: 29.3, lon: 42.6, country: null },
  { name: 'Far East', aliases: [], lat: 35.0, lon: 125.0, country: null },
  { name: 'Russian Far East', aliases: [], lat: 55.0, lon: 135.0, country: 'RU' },
  { name: 'Southeast Asia', aliases: ['South-East Asia'], lat: 7.0, lon: 110.0, country: null },
  { name: 'East Asia', aliases: [], lat: 35.0, lon: 115.0, country: null },
  { name: 'Central Asia', aliases: [], lat: 45.0, lon: 68.0, country: null },
  { name: 'South Asia', aliases: [], lat: 22.0, lon: 79.0, country: null },
  { name: 'Caribbean', aliases: ['the Caribbean'], lat: 15.3, lon: -72.0, country: null },
  { name: 'Balkans', aliases: ['the Balkans'], lat: 42.7, lon: 21.0, country: null },
  { name: 'Scandinavia', aliases: [], lat: 62.0, lon: 15.0, country: null },
  { name: 'Persian Gulf', aliases: ['the Gulf', 'Gulf'], lat: 26.9, lon: 51.5, country: null },
  { name: 'Korean Peninsula', aliases: ['the Korean Peninsula'], lat: 37.5, lon: 127.5, country: null },
  { name: 'Siberia', aliases: [], lat: 60.0, lon: 105.0, country: 'RU' },
  { name: 'Crimea', aliases: [], lat: 45.3, lon: 34.4, country: 'UA' },
  { name: 'Gaza Strip', aliases: ['Gaza'], lat: 31.4, lon: 34.4, country: 'PS' },
  { name: 'West Bank', aliases: [], lat: 31.9, lon: 35.2, country: 'PS' },
  { name: 'Kashmir', aliases: [], lat: 34.1, lon: 75.0, country: null },
  { name: 'Sahel', aliases: [], lat: 15.0, lon: 5.0, country: null },
  { name: 'Arctic', aliases: ['the Arctic'], lat: 78.0, lon: 0.0, country: null },
  { name: 'Silicon Valley', aliases: [], lat: 37.4, lon: -122.1, country: 'US' },
  { name: 'Midwest', aliases: ['the Midwest'], lat: 42.0, lon: -93.0, country: 'US' },
  { name: 'Pacific Ocean', aliases: ['Pacific'], lat: 0.0, lon: -160.0, country: null },
  { name: 'Atlantic Ocean', aliases: ['Atlantic'], lat: 15.0, lon: -40.0, country: null },
  { name: 'Indian Ocean', aliases: [], lat: -20.0, lon: 80.0, country: null },
  { name: 'Arctic Ocean', aliases: [], lat: 85.0, lon: 0.0, country: null },
  { name: 'Mediterranean Sea', aliases: ['Mediterranean'], lat: 35.0, lon: 18.0, country: null },
  { name: 'South China Sea', aliases: [], lat: 12.0, lon: 113.0, country: null },
  { name: 'East China Sea', aliases: [], lat: 29.0, lon: 125.0, country: null },
  { name: 'Sea of Japan', aliases: ['East Sea'], lat: 40.0, lon: 135.0, country: null },
  { name: 'Black Sea', aliases: [], lat: 43.0, lon: 35.0, country: null },
  { name: 'Baltic Sea', aliases: ['Baltic'], lat: 58.0, lon: 20.0, country: null },
  { name: 'Caspian Sea', aliases: [], lat: 42.0, lon: 51.0, country: null },
  { name: 'Red Sea', aliases: [], lat: 20.0, lon: 38.0, country: null },
  { name: 'North Sea', aliases: [], lat: 56.0, lon: 3.0, country: null },
  { name: 'Gulf of Mexico', aliases: [], lat: 25.0, lon: -90.0, country: null },
  { name: 'Tasman Sea', aliases: [], lat: -40.0, lon: 160.0, country: null },
];

/**
 * Seats of power named for the place they stand in ("the Kremlin said") → the GeoNames
 * populated place to put on the map, by name and country.
 */
export const METONYMS: Record<string, { place: string; country: string }> = {
  kremlin: { place: 'Moscow', country: 'RU' },
  'white house': { place: 'Washington', country: 'US' },
  pentagon: { place: 'Arlington', country: 'US' },
  'capitol hill': { place: 'Washington', country: 'US' },
  'downing street': { place: 'London', country: 'GB' },
  whitehall: { place: 'London', country: 'GB' },
  westminster: { place: 'London', country: 'GB' },
  'wall street': { place: 'New York City', country: 'US' },
  'elysee palace': { place: 'Paris', country: 'FR' },
  elysee: { place: 'Paris', country: 'FR' },
  'élysée': { place: 'Paris', country: 'FR' },
  'blue house': { place: 'Seoul', country: 'KR' },
  zhongnanhai: { place: 'Beijing', country: 'CN' },
  vatican: { place: 'Vatican City', country: 'VA' },
  'holy see': { place: 'Vatican City', country: 'VA' },
  'foggy bottom': { place: 'Washington', country: 'US' },
};
