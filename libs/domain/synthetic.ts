/**
 * Seeded synthetic residents for demos and tests: structurally valid NIKs from real
 * Semarang kecamatan codes. Reproducible: the same seed gives the same people.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    // xorshift32: small, fast and good enough for test data.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

export function syntheticNik(kecamatanCode: string, random: () => number): string {
  const region = kecamatanCode.replace(/\./g, '');
  const female = random() < 0.5;
  const day = 1 + Math.floor(random() * 28) + (female ? 40 : 0);
  const month = 1 + Math.floor(random() * 12);
  const year = Math.floor(random() * 100);
  const serial = 1 + Math.floor(random() * 9999);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${region}${pad(day, 2)}${pad(month, 2)}${pad(year, 2)}${pad(serial, 4)}`;
}
