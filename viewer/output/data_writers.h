// The analysis as data for GIS and spreadsheets: the surface as float32 GeoTIFF, isochrone bands and the figures
// per municipality as GeoPackage layers (EPSG:28992), the figures as CSV and a JSON summary of what was computed.
// `trekkaart analyse` (viewer/app/analyse_cli.h), `trekkaart export --data` and the window's analysis panel all
// write the same set through write_analysis_files. Every file goes through geo::AtomicFile (GDAL fills its temporary file by
// name), so a failed write leaves the previous file untouched. Each writer throws geo::DataError naming the path.
//
//     viewer::write_surface_geotiff(data, result, "out/tt.surface.tif");
//     if (auto lv = viewer::isochrone_levels(result); !lv.empty())
//         viewer::write_isochrones_gpkg(result.surface, lv, "out/tt.isochrones.gpkg");
//     viewer::write_figures_gpkg(data, result, "out/tt.figures.gpkg");
//     geo::write_file_atomic("out/tt.summary.json", viewer::analysis_summary_json(data, result));
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "geo/core/grid.h"
#include "geo/io/dataset.h"
#include "geo/io/geotiff.h"
#include "geo/io/table_csv.h"
#include "viewer/engine/analysis.h"

namespace viewer {

// The band description and metadata (TREKKAART_METRIC, _CATEGORY, _MODE, _THRESHOLD_MIN, _UNIT, ESTIMATE) of
// the surface GeoTIFF.
geo::GeoTiffOptions surface_geotiff_options(const geo::Dataset& d, const AnalysisResult& r);
void write_surface_geotiff(const geo::Dataset& d, const AnalysisResult& r, const std::string& path);
// The figures per municipality (figures_table) as CSV.
void write_figures_csv(const geo::Dataset& d, const AnalysisResult& r, const std::string& path);

// A table as a GeoPackage layer: one feature per row with geometry geoms[i] (RD metres, EPSG:28992); a column
// whose every non-empty value is a number becomes a Real field (empty: null), the others String fields.
void write_table_gpkg(const geo::Table& t, const std::vector<geo::MultiPolygon>& geoms, const std::string& layer,
                      const std::string& path);
// The figures table with each municipality's polygon, layer "figures".
void write_figures_gpkg(const geo::Dataset& d, const AnalysisResult& r, const std::string& path);

// Whether the surface holds travel minutes (travel_time, reach), so that isochrones mean something.
bool metric_has_isochrones(Metric m);
// The isochrone levels of a result in minutes, ascending and ending at T: the overlay's contour levels below T,
// then T (travel_time at T = 15: 10, 15; reach: T). Empty for metrics without isochrones.
std::vector<float> isochrone_levels(const AnalysisResult& r);
// Polygons of the bands [0, levels[0]], (levels[0], levels[1]], ... of a minutes surface (GDAL's contour
// generator, POLYGONIZE=YES, FIXED_LEVELS), layer "isochrones" with fields min_minutes and max_minutes;
// NaN cells (beyond the cut-off) belong to no band, nor does anything beyond the last level.
void write_isochrones_gpkg(const geo::GridF& surface, const std::vector<float>& levels, const std::string& path);

// What was computed, as JSON: metric (key, label, unit), parameters, estimate note, reach totals (NL, DE, total),
// what-if gains per municipality, best sites with what makes them best. Strings escaped by geo::json::quote;
// non-finite numbers are null.
std::string analysis_summary_json(const geo::Dataset& d, const AnalysisResult& r);
void write_summary_json(const geo::Dataset& d, const AnalysisResult& r, const std::string& path);

// The whole set for a result, as PREFIX + each of analysis_file_suffixes(r): .surface.tif, .isochrones.gpkg (metrics
// with isochrones), .figures.csv and .figures.gpkg (when there are figures), .summary.json. `wrote` is called after
// each file with its path. Throws geo::DataError naming the first file that fails (those before it stay written).
std::vector<std::string> analysis_file_suffixes(const AnalysisResult& r);
void write_analysis_files(const geo::Dataset& d, const AnalysisResult& r, const std::string& prefix,
                          const std::function<void(const std::string&)>& wrote = {});

}  // namespace viewer
