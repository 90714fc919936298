// Travel modes and their named model parameters (speeds, penalties, detour factor).
// Every number here is documented with its source or marked as an assumption in geo/travel/README.md.
#pragma once
#include <array>
#include <string>

namespace geo {

enum class Mode : int {
    Walk = 0,
    Bike,
    EBike,
    Car,
    BikeTrain,  // cycle to a station, ride the train, walk from the station to the venue
    Count
};
constexpr int kModeCount = int(Mode::Count);

const char* mode_key(Mode m);    // "walk", "bike", "ebike", "car", "bike_train"
const char* mode_label(Mode m);  // "Walk", "Bike", "E-bike", "Car", "Bike + train"
bool mode_from_key(const std::string& key, Mode& out);

// Road classes, after OSM highway=* values. A GeoPackage road layer uses the same names in its class field.
enum class RoadClass : int {
    Motorway = 0,  // also motorway_link
    Trunk,         // also trunk_link
    Primary,       // also primary_link
    Secondary,     // also secondary_link
    Tertiary,      // also tertiary_link
    Unclassified,
    Residential,
    LivingStreet,  // woonerf
    Service,
    Track,
    Cycleway,
    Footway,
    Path,
    Pedestrian,
    Steps,
    Count,
    Unknown = -1  // not a road we model (e.g. highway=proposed, construction, bus_guideway)
};
constexpr int kRoadClassCount = int(RoadClass::Count);

// "motorway_link" -> Motorway, "fietspad" is not recognised (use OSM names); unknown -> RoadClass::Unknown.
RoadClass road_class_from_key(const std::string& highway);
const char* road_class_key(RoadClass c);

// Speeds of the "own power / own vehicle" modes. Index with road_mode_index(): walk, bike, e-bike, car.
constexpr int kRoadModes = 4;
int road_mode_index(Mode m);  // Walk 0, Bike 1, EBike 2, Car 3, BikeTrain -> 1 (its cycling leg)

struct TravelParams {
    // --- Without a road layer (estimate): straight-line travel on a uniform friction. ---
    // time = straight-line distance x detour / speed + penalty.
    double detour = 1.3;                                         // assumption, see README
    std::array<double, kRoadModes> estimate_kmh{4.8, 15.0, 18.0, 50.0};  // walk, bike, e-bike, car (network average)

    // --- With a road layer: cells crossed by a road take the road-class speed, other cells the off-road speed. ---
    // road_kmh[mode][class]; 0 = the mode may not use that class (the cell then counts as off-road for it).
    std::array<std::array<double, kRoadClassCount>, kRoadModes> road_kmh{};
    std::array<double, kRoadModes> offroad_kmh{3.0, 4.0, 4.0, 4.0};  // walking over land (car/bike: on foot)

    // --- Fixed time per trip (minutes), added once at the venue end: locking a bike, parking a car. ---
    std::array<double, kRoadModes> penalty_min{0.0, 1.0, 1.0, 4.0};

    // --- Train leg of bike + train. ---
    double train_kmh = 70.0;       // commercial speed along the track including stops (assumption)
    double train_board_min = 10.0; // waiting (half headway) + parking the bike + reaching the platform (assumption)
    double station_snap_m = 500;   // a station further than this from any rail line is ignored

    TravelParams();  // fills road_kmh with the documented defaults

    double speed_mps(Mode m) const { return estimate_kmh[road_mode_index(m)] / 3.6; }
    double penalty_s(Mode m) const { return penalty_min[road_mode_index(m)] * 60.0; }
};

}  // namespace geo
