#!/usr/bin/python3
"""Regenerates the bad-input corpus in this folder (tests/data/bad). Run with the system Python, which has
GDAL's bindings (python3-gdal):  /usr/bin/python3 tests/data/bad/make_corpus.py
Every file is a few KB. MANIFEST.tsv (hand-written) says which reader each file goes through and what the
message must say; tests/geo/test_bad_input.cpp and tests/viewer/test_bad_input_viewer.cpp check it."""
import os
import sqlite3

from osgeo import gdal, ogr, osr

HERE = os.path.dirname(os.path.abspath(__file__))
gdal.SetConfigOption('OGR_CURRENT_DATE', '2026-01-01T00:00:00.000Z')  # reproducible GeoPackages


def path(name):
    return os.path.join(HERE, name)


def write(name, data):
    mode = 'wb' if isinstance(data, bytes) else 'w'
    with open(path(name), mode) as f:
        f.write(data)


def feature_collection(features):
    return '{"type":"FeatureCollection","features":[' + ','.join(features) + ']}\n'


def feature(geometry, props='{}'):
    return '{"type":"Feature","properties":' + props + ',"geometry":' + geometry + '}'


def small_gpkg(name, srs):
    """A one-feature polygon GeoPackage, shrunk to 512-byte pages (~20 KB instead of ~100 KB)."""
    p = path(name)
    if os.path.exists(p):
        os.remove(p)
    ds = ogr.GetDriverByName('GPKG').CreateDataSource(p)
    lyr = ds.CreateLayer('gemeenten', srs, ogr.wkbPolygon, ['SPATIAL_INDEX=NO'])
    lyr.CreateField(ogr.FieldDefn('naam', ogr.OFTString))
    f = ogr.Feature(lyr.GetLayerDefn())
    f.SetField('naam', 'Enschede')
    f.SetGeometry(ogr.CreateGeometryFromWkt(
        'POLYGON((250000 465000,262000 465000,262000 478000,250000 478000,250000 465000))'))
    lyr.CreateFeature(f)
    ds = None
    c = sqlite3.connect(p)
    c.execute('PRAGMA page_size=512')
    c.execute('VACUUM')
    c.close()
    with open(p, 'rb') as fh:
        return bytearray(fh.read())


rd = osr.SpatialReference()
rd.ImportFromEPSG(28992)

# GeoPackage cut off part-way (an interrupted copy or download).
good = small_gpkg('truncated.gpkg', rd)
write('truncated.gpkg', bytes(good[:6000]))

# GeoPackage whose table page holding the feature is overwritten: GDAL opens it, reading fails.
blob = good.find(b'GP\x00')  # the GeoPackage geometry blob of the only feature
page = (blob // 512) * 512
corrupt = bytearray(good)
corrupt[page:page + 512] = b'\x55' * 512
write('corrupt.gpkg', bytes(corrupt))

# GeoPackage whose feature geometry blob is garbage (the row itself is readable).
bad_geom = bytearray(good)
bad_geom[blob:blob + 40] = b'\xff' * 40
write('corrupt_geometry.gpkg', bytes(bad_geom))

# Layers without a coordinate reference system: a GeoPackage written without one (GDAL stores srs_id 0,
# "Undefined geographic SRS") and a CSV with a WKT column (no CRS at all).
small_gpkg('no_crs.gpkg', None)
write('no_crs.csv', 'WKT,naam\n"POINT (257000 471000)",Enschede\n')

# GeoJSON: broken syntax, empty file, a bow-tie polygon, absurd numbers, deep nesting, swapped axes, Latin-1.
write('invalid.geojson', '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"naam":"x"},\n'
                         '"geometry":{"type":"Point","coordinates":[6.89,52.22]}\n')
write('empty.geojson', '')
write('self_intersecting.geojson', feature_collection([feature(
    '{"type":"Polygon","coordinates":[[[6.80,52.20],[6.90,52.30],[6.90,52.20],[6.80,52.30],[6.80,52.20]]]}',
    '{"naam":"strik"}')]))
write('huge_coords.geojson', feature_collection([
    feature('{"type":"Point","coordinates":[1e308,1e308]}'),
    feature('{"type":"LineString","coordinates":[[6.8,52.2],[1e308,-1e308],[6.9,52.3]]}'),
    feature('{"type":"Point","coordinates":[1e999,52.2]}'),  # overflows to infinity
    feature('{"type":"Point","coordinates":[6.89,52.22]}', '{"naam":"goed"}')]))
write('huge_coords_rd.geojson',
      '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},'
      '"features":[' + ','.join([
          feature('{"type":"Polygon","coordinates":[[[1e300,1e300],[-1e300,1e300],[0,-1e300],[1e300,1e300]]]}'),
          feature('{"type":"Point","coordinates":[257000,471000]}', '{"naam":"goed"}')]) + ']}\n')
depth = 2000
write('deep_nesting.geojson', '{"type":"FeatureCollection","features":[' + '[' * depth + ']' * depth + ']}\n')
write('latlon_swapped.geojson', feature_collection([
    feature('{"type":"Point","coordinates":[52.2215,6.8937]}', '{"naam":"Enschede"}'),
    feature('{"type":"Point","coordinates":[52.2658,6.7931]}', '{"naam":"Hengelo"}')]))
write('non_utf8.geojson', feature_collection([
    feature('{"type":"Point","coordinates":[6.89,52.22]}', '{"naam":"Caf\xe9 De Kater"}')]).encode('latin-1'))

# Venue catalogue (assets/venues.csv format).
HEADER = 'id,name,category,gemeente,lon,lat,precision,capacity,source\n'
write('venues_broken_rows.csv', HEADER +
      'enschede-tetem,TETEM,museum,GM0153,6.8905,52.2239,exact,,test\n'
      'hengelo-metropool,Metropool,pop,GM0164,6.7917\n'
      'almelo-theater,Theater Hof 88,theatre,GM0141,6.6611,52.3569,exact,800,test\n')
write('venues_unterminated_quote.csv', HEADER +
      'enschede-tetem,TETEM,museum,GM0153,6.8905,52.2239,exact,,test\n'
      'hengelo-metropool,"Metropool,pop,GM0164,6.7917,52.2648,exact,,test\n')
write('venues_bad_number.csv', HEADER +
      'enschede-tetem,TETEM,museum,GM0153,"6,8905","52,2239",exact,,test\n')
write('venues_swapped.csv', HEADER +
      'enschede-tetem,TETEM,museum,GM0153,52.2239,6.8905,exact,,test\n')
write('venues_outside_twente.csv', HEADER +
      'enschede-tetem,TETEM,museum,GM0153,6.8905,52.2239,exact,,test\n'
      'zwolle-odeon,Odeon,theatre,GM0153,6.0944,52.5127,approximate,,test\n')
write('venues_wrong_gemeente.csv', HEADER +
      'enschede-rmt,Rijksmuseum Twenthe,museum,GM0164,6.8797,52.2339,exact,,test\n')
write('venues_non_utf8.csv', (HEADER +
      'enschede-kater,Caf\xe9 De Kater,third_place,GM0153,6.8937,52.2215,approximate,,test\n').encode('latin-1'))
write('venues_empty.csv', '')

# Scenes (presenter) files.
write('scenes_broken.json', '{\n  "trekkaart_scenes": 1,\n  "scenes": [\n    {\n'
                            '      "title": "Twente"\n      "camera": {"centre": [6.75, 52.3], "zoom": 10.9}\n'
                            '    }\n  ]\n}\n')
write('scenes_non_utf8.json', ('{\n  "trekkaart_scenes": 1,\n  "scenes": [\n    {\n'
                               '      "title": "Caf\xe9",\n      "camera": {"centre": [6.75, 52.3], "zoom": 10.9}\n'
                               '    }\n  ]\n}\n').encode('latin-1'))

# What-if candidates files (viewer/engine/candidates: read_candidates).
write('candidates_bad_escape.json', '{"version": 1, "candidates": [\n'
      '  {"name": "\\uZZZZ", "category": "pop", "x": 257000, "y": 471000}\n]}\n')
write('candidates_truncated.json', '{"version": 1, "candidates": [\n'
      '  {"name": "Nieuw podium", "category": "pop", "x": 257000, "y": 4710')
write('candidates_bad_category.json', '{"version": 1, "candidates": [\n'
      '  {"name": "Nieuw podium", "category": "poppodium", "x": 257000, "y": 471000}\n]}\n')

# OSM extract cut without complete ways: ways 11 and 12 refer to nodes that are not in the file.
write('dangling_refs.osm', '''<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="trekkaart test corpus">
  <node id="1" lat="52.2200" lon="6.8900" version="1"/>
  <node id="2" lat="52.2250" lon="6.8950" version="1"/>
  <node id="3" lat="52.2300" lon="6.9000" version="1"/>
  <way id="10" version="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="primary"/></way>
  <way id="11" version="1"><nd ref="1"/><nd ref="99"/><nd ref="3"/><tag k="highway" v="residential"/></way>
  <way id="12" version="1"><nd ref="98"/><nd ref="97"/><tag k="highway" v="cycleway"/></way>
</osm>
''')
write('dangling_refs_only.osm', '''<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="trekkaart test corpus">
  <node id="1" lat="52.2200" lon="6.8900" version="1"/>
  <way id="12" version="1"><nd ref="98"/><nd ref="97"/><tag k="highway" v="cycleway"/></way>
</osm>
''')
# User layers (issue 12: geo::read_user_layer, "user_layer" in MANIFEST.tsv).
write('layer_swapped.csv', 'naam,lon,lat\nEnschede,52.2224,6.8891\nHengelo,52.2658,6.7931\n')
write('layer_outside.geojson', feature_collection([
    feature('{"type":"Point","coordinates":[4.90,52.37]}', '{"naam":"Amsterdam"}')]))
write('layer_no_geometry.csv', 'naam,plaats\nbibliotheek,Hengelo\n')
write('layer_header_only.csv', 'naam,lon,lat\n')
write('layer_not_degrees.csv', 'naam,x,y\nEnschede,766887.8,6840440.7\n')
print('corpus written to', HERE)
