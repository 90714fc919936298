// Coordinate transforms through PROJ. Everything in geo/ is stored in EPSG:28992 (RD New).
// Note: no NTv2/RDNAPTRANS grid is installed here, so PROJ uses the 7-parameter Helmert
// transform between Bessel (RD) and WGS84: accurate to about 1 m, not the 1 cm of RDNAPTRANS.
#pragma once
#include <memory>
#include <string>

#include "geo/core/types.h"

namespace geo {

class Transformer {
public:
    // src/dst: anything PROJ understands ("EPSG:4326", WKT, PROJJSON). Axis order is normalised
    // to the GIS convention: x = easting/longitude, y = northing/latitude.
    Transformer(const std::string& src, const std::string& dst);
    ~Transformer();
    Transformer(const Transformer&) = delete;
    Transformer& operator=(const Transformer&) = delete;
    P2 fwd(P2 p) const;
    P2 inv(P2 p) const;
    bool is_identity() const { return identity_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    bool identity_ = false;
};

constexpr const char* kRD = "EPSG:28992";
constexpr const char* kWGS84 = "EPSG:4326";

// Thread-safe conveniences (one cached transformer per thread).
P2 wgs84_to_rd(double lon, double lat);
P2 rd_to_wgs84(P2 rd);  // returns {lon, lat}

}  // namespace geo
